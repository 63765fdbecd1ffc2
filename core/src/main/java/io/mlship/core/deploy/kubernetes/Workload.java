package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The object a deploy rolls out — a Deployment or another registered kind — with how to watch it and undo it. */
record Workload(String kind, RolloutKind rollout, WorkloadRollback rollback) {

    static Workload of(WorkloadKind kind, KubernetesClient client, String namespace, String name) {
        return new Workload(kind.kind(), kind.rollout(), kind.rollback(client, namespace, name));
    }
}
