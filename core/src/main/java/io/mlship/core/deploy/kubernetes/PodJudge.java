package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.spec.RolloutPolicy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges the pods of the new revision, whatever the workload kind: a status waiting cannot heal
 * ({@link PodFailureClassifier}), or a running pod not ready past the readiness window (counted from
 * when this watch first saw it running, so clocks of the cluster and of mlship need not agree).
 */
public final class PodJudge {

    /** A failure, or when the earliest readiness window ends (to look again then). */
    public record Outcome(Optional<RolloutFailure> failure, Instant nextCheck) {
    }

    private final RolloutPolicy policy;
    private final Map<String, Instant> runningNotReadySince = new HashMap<>();

    PodJudge(RolloutPolicy policy) {
        this.policy = policy;
    }

    public Outcome judge(List<Pod> podsOfNewRevision, Instant now) {
        Instant nextCheck = null;
        for (Pod pod : podsOfNewRevision) {
            Optional<RolloutFailure> failure = PodFailureClassifier.classify(pod, policy.crashLoopRestarts());
            if (failure.isPresent()) {
                return new Outcome(failure, null);
            }
            String podName = pod.getMetadata().getName();
            if (PodFailureClassifier.running(pod) && !PodFailureClassifier.ready(pod)) {
                Instant windowEnd = runningNotReadySince.computeIfAbsent(podName, p -> now).plus(policy.readinessWindow());
                if (!now.isBefore(windowEnd)) {
                    return new Outcome(Optional.of(notReady(pod)), null);
                }
                nextCheck = nextCheck == null || windowEnd.isBefore(nextCheck) ? windowEnd : nextCheck;
            } else {
                runningNotReadySince.remove(podName);
            }
        }
        return new Outcome(Optional.empty(), nextCheck);
    }

    private RolloutFailure notReady(Pod pod) {
        String container = pod.getSpec().getContainers().get(0).getName();
        return new RolloutFailure(FailureReason.NOT_READY, Optional.of(pod.getMetadata().getName()), Optional.of(container),
                Optional.empty(), 0, PodFailureClassifier.limitsOf(pod, container),
                "running but its readiness probe did not pass within " + policy.readinessWindow().toSeconds() + " s", List.of());
    }

    /** The pods owned by the revision with this uid. */
    public static List<Pod> ownedBy(String revisionUid, List<Pod> pods) {
        return pods.stream().filter(p -> p.getMetadata().getOwnerReferences().stream().anyMatch(o -> revisionUid.equals(o.getUid())))
                .toList();
    }
}
