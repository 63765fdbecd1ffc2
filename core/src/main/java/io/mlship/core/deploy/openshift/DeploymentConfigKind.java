package io.mlship.core.deploy.openshift;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.deploy.kubernetes.ModelLabels;
import io.mlship.core.deploy.kubernetes.RolloutKind;
import io.mlship.core.deploy.kubernetes.WorkloadKind;
import io.mlship.core.deploy.kubernetes.WorkloadRollback;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;

/** An OpenShift DeploymentConfig with its ReplicationControllers, registered with the Kubernetes deployer's kinds. */
public final class DeploymentConfigKind implements WorkloadKind {

    @Override
    public String kind() {
        return "DeploymentConfig";
    }

    @Override
    public boolean requestedBy(DeploySpec spec) {
        return spec.target() == DeployTarget.OPENSHIFT && spec.openshift().deploymentConfig();
    }

    @Override
    public RolloutKind rollout() {
        return new DeploymentConfigRolloutKind();
    }

    @Override
    public WorkloadRollback rollback(KubernetesClient client, String namespace, String name) {
        return new DeploymentConfigRollback(client, namespace, name);
    }

    @Override
    public void readRevisions(KubernetesClient client, String namespace, String name) {
        client.replicationControllers().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list();
    }
}
