package io.mlship.core.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a deploy or a rollback.
 *
 * @param object           "namespace/name" (Kubernetes, OpenShift) or the container name (Docker)
 * @param revision         the revision now running (Deployment revision, container id)
 * @param failure          what failed the new version, when it failed
 * @param failureSeenAt    when the watch saw the failing status (for the time-to-failure figure)
 * @param rollbackNote     what the rollback did, when there was one
 * @param evidence         files kept: logs of every container (current and previous instance), events, objects
 * @param url              the address users call (Docker: the edge's published port), when the target has one
 * @param edge             the edge container in front of the model (Docker), when there is one
 */
public record DeployResult(String target, String object, String image, DeployOutcome outcome,
                           Optional<String> revision, Optional<RolloutFailure> failure, Optional<Instant> failureSeenAt,
                           Optional<String> rollbackNote, Path logDirectory, List<Path> evidence, Duration duration,
                           Optional<String> url, Optional<String> edge) {

    public DeployResult {
        evidence = List.copyOf(evidence);
    }

    /** A result without an edge (Kubernetes, OpenShift: the Service/Route is the entry point). */
    public DeployResult(String target, String object, String image, DeployOutcome outcome,
                        Optional<String> revision, Optional<RolloutFailure> failure, Optional<Instant> failureSeenAt,
                        Optional<String> rollbackNote, Path logDirectory, List<Path> evidence, Duration duration) {
        this(target, object, image, outcome, revision, failure, failureSeenAt, rollbackNote, logDirectory, evidence, duration,
                Optional.empty(), Optional.empty());
    }

    public boolean succeeded() {
        return outcome == DeployOutcome.DEPLOYED;
    }
}
