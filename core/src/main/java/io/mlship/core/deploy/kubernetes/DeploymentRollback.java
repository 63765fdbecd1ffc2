package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.MlshipException;
import java.util.List;
import java.util.Optional;

/**
 * `kubectl rollout undo` semantics: the pod template of the previous revision's ReplicaSet is copied
 * back into the Deployment (without the pod-template-hash label); the deployment controller then scales
 * that ReplicaSet up again as the newest revision.
 */
final class DeploymentRollback implements WorkloadRollback {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public DeploymentRollback(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    public boolean hasPreviousRevision() {
        return previousRevision().isPresent();
    }

    public Optional<ReplicaSet> previousRevision() {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            return Optional.empty();
        }
        List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list().getItems();
        return Revisions.previous(deployment, sets);
    }

    @Override
    public Undo undo() {
        ReplicaSet previous = previousRevision().orElseThrow(() -> new MlshipException("Deployment " + namespace + "/" + name
                + " has no earlier revision to roll back to (`kubectl rollout history deployment/" + name + " -n " + namespace + "`)"));
        PodTemplateSpec template = Revisions.withoutHash(previous.getSpec().getTemplate());
        Deployment updated = Conflicts.retry(() -> client.apps().deployments().inNamespace(namespace).withName(name)
                .edit(d -> new DeploymentBuilder(d).editSpec().withTemplate(template).endSpec().build()));
        return new Undo(updated.getMetadata().getGeneration(), Revisions.revision(previous),
                template.getSpec().getContainers().get(0).getImage());
    }
}
