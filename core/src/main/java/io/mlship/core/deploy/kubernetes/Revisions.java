package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's revisions as the deployment controller keeps them: one ReplicaSet per pod template,
 * numbered by the {@value ModelLabels#REVISION} annotation. The current one is the ReplicaSet whose
 * template equals the Deployment's, ignoring the pod-template-hash label (as kubectl finds it).
 */
final class Revisions {

    private Revisions() {
    }

    public static List<ReplicaSet> ownedBy(Deployment deployment, List<ReplicaSet> replicaSets) {
        String uid = deployment.getMetadata().getUid();
        return replicaSets.stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
                .sorted(Comparator.comparingLong(Revisions::revision))
                .toList();
    }

    public static Optional<ReplicaSet> current(Deployment deployment, List<ReplicaSet> replicaSets) {
        PodTemplateSpec wanted = withoutHash(deployment.getSpec().getTemplate());
        return ownedBy(deployment, replicaSets).stream()
                .filter(rs -> withoutHash(rs.getSpec().getTemplate()).equals(wanted))
                .reduce((a, b) -> b);
    }

    /** The newest revision older than the current one: what `kubectl rollout undo` goes back to. */
    public static Optional<ReplicaSet> previous(Deployment deployment, List<ReplicaSet> replicaSets) {
        Optional<ReplicaSet> current = current(deployment, replicaSets);
        long currentRevision = current.map(Revisions::revision).orElse(Long.MAX_VALUE);
        return ownedBy(deployment, replicaSets).stream()
                .filter(rs -> revision(rs) < currentRevision)
                .filter(rs -> current.isEmpty() || !rs.getMetadata().getUid().equals(current.get().getMetadata().getUid()))
                .reduce((a, b) -> b);
    }

    public static long revision(ReplicaSet replicaSet) {
        String value = replicaSet.getMetadata().getAnnotations() == null ? null
                : replicaSet.getMetadata().getAnnotations().get(ModelLabels.REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The template without the controller's pod-template-hash label. */
    public static PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = Serialization.clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            copy.getMetadata().getLabels().remove(ModelLabels.POD_TEMPLATE_HASH);
        }
        return copy;
    }
}
