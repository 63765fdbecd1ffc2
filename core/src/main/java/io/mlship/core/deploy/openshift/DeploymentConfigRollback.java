package io.mlship.core.deploy.openshift;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.kubernetes.Conflicts;
import io.mlship.core.deploy.kubernetes.ModelLabels;
import io.mlship.core.deploy.kubernetes.WorkloadRollback;
import java.util.Comparator;
import java.util.Optional;

/**
 * {@code oc rollback} semantics: the pod template of the newest earlier deployment that completed (its
 * ReplicationController) is copied back into the DeploymentConfig; its ConfigChange trigger then rolls
 * it out as a new version.
 */
final class DeploymentConfigRollback implements WorkloadRollback {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public DeploymentConfigRollback(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    private OpenShiftClient openshift() {
        return client.adapt(OpenShiftClient.class);
    }

    Optional<ReplicationController> previousRevision() {
        DeploymentConfig config = openshift().deploymentConfigs().inNamespace(namespace).withName(name).get();
        if (config == null || config.getStatus() == null || config.getStatus().getLatestVersion() == null) {
            return Optional.empty();
        }
        long latest = config.getStatus().getLatestVersion();
        return client.replicationControllers().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list().getItems().stream()
                .filter(rc -> DeploymentConfigs.ownedBy(rc, config.getMetadata().getUid()))
                .filter(rc -> DeploymentConfigs.version(rc) < latest && "Complete".equals(DeploymentConfigs.phase(rc)))
                .max(Comparator.comparingLong(DeploymentConfigs::version));
    }

    @Override
    public boolean hasPreviousRevision() {
        return previousRevision().isPresent();
    }

    @Override
    public Undo undo() {
        ReplicationController previous = previousRevision().orElseThrow(() -> new MlshipException("DeploymentConfig " + namespace
                + "/" + name + " has no earlier completed deployment to roll back to (`oc rollout history dc/" + name + " -n "
                + namespace + "`)"));
        PodTemplateSpec template = DeploymentConfigs.templateOf(previous);
        DeploymentConfig updated = Conflicts.retry(() -> openshift().deploymentConfigs().inNamespace(namespace).withName(name)
                .edit(dc -> new DeploymentConfigBuilder(dc).editSpec().withTemplate(template).endSpec().build()));
        return new Undo(updated.getMetadata().getGeneration(), DeploymentConfigs.version(previous),
                template.getSpec().getContainers().get(0).getImage());
    }
}
