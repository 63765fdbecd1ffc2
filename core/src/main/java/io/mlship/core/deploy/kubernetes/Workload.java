package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.deploy.openshift.DeploymentConfigRollback;
import io.mlship.core.deploy.openshift.DeploymentConfigRolloutKind;

/** The object a deploy rolls out — a Deployment or an OpenShift DeploymentConfig — with how to watch it and undo it. */
public record Workload(String kind, RolloutKind rollout, WorkloadRollback rollback) {

    public static final String DEPLOYMENT = "Deployment";
    public static final String DEPLOYMENT_CONFIG = "DeploymentConfig";

    public static Workload of(String kind, KubernetesClient client, String namespace, String name) {
        return DEPLOYMENT_CONFIG.equals(kind)
                ? new Workload(kind, new DeploymentConfigRolloutKind(), new DeploymentConfigRollback(client, namespace, name))
                : new Workload(DEPLOYMENT, new DeploymentRolloutKind(), new DeploymentRollback(client, namespace, name));
    }

    public static boolean isWorkload(HasMetadata object) {
        return DEPLOYMENT.equals(object.getKind()) || DEPLOYMENT_CONFIG.equals(object.getKind());
    }
}
