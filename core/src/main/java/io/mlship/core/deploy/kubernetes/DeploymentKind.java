package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.deploy.spec.DeploySpec;

/** A Deployment with its ReplicaSets: the kind every spec gets unless another registered kind claims it. */
final class DeploymentKind implements WorkloadKind {

    @Override
    public String kind() {
        return "Deployment";
    }

    @Override
    public boolean requestedBy(DeploySpec spec) {
        return true;
    }

    @Override
    public RolloutKind rollout() {
        return new DeploymentRolloutKind();
    }

    @Override
    public WorkloadRollback rollback(KubernetesClient client, String namespace, String name) {
        return new DeploymentRollback(client, namespace, name);
    }

    @Override
    public void readRevisions(KubernetesClient client, String namespace, String name) {
        client.apps().replicaSets().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list();
    }
}
