package io.mlship.core.deploy;

import io.mlship.core.diagnose.ResourceRecommendation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
 * @param recommendation   the limit a diagnosis of an OOM-killed new version recommends, when it could work one out
 */
public record DeployResult(String target, String object, String image, DeployOutcome outcome,
                           Optional<String> revision, Optional<RolloutFailure> failure, Optional<Instant> failureSeenAt,
                           Optional<String> rollbackNote, Path logDirectory, List<Path> evidence, Duration duration,
                           Optional<String> url, Optional<String> edge, Optional<ResourceRecommendation> recommendation) {

    public DeployResult {
        evidence = List.copyOf(evidence);
    }

    public boolean succeeded() {
        return outcome == DeployOutcome.DEPLOYED;
    }

    /**
     * A builder for the result of a deploy or rollback of {@code object} on {@code target}: the outcome must be
     * set; revision, failure, failure time and rollback note stay empty unless set; no evidence, zero duration.
     */
    public static Builder builder(String target, String object, String image, Path logDirectory) {
        return new Builder(target, object, image, logDirectory);
    }

    /** A builder holding this result's values, for "the same, except". */
    public Builder toBuilder() {
        Builder b = builder(target, object, image, logDirectory).outcome(outcome).revision(revision).evidence(evidence)
                .duration(duration);
        b.failure = failure;
        b.failureSeenAt = failureSeenAt;
        b.rollbackNote = rollbackNote;
        b.url = url;
        b.edge = edge;
        b.recommendation = recommendation;
        return b;
    }

    /** Builds a {@link DeployResult}; what is not set is empty, never null. */
    public static final class Builder {
        private final String target;
        private final String object;
        private final String image;
        private final Path logDirectory;
        private DeployOutcome outcome;
        private Optional<String> revision = Optional.empty();
        private Optional<RolloutFailure> failure = Optional.empty();
        private Optional<Instant> failureSeenAt = Optional.empty();
        private Optional<String> rollbackNote = Optional.empty();
        private List<Path> evidence = List.of();
        private Duration duration = Duration.ZERO;
        private Optional<String> url = Optional.empty();
        private Optional<String> edge = Optional.empty();
        private Optional<ResourceRecommendation> recommendation = Optional.empty();

        private Builder(String target, String object, String image, Path logDirectory) {
            this.target = target;
            this.object = object;
            this.image = image;
            this.logDirectory = logDirectory;
        }

        public Builder outcome(DeployOutcome value) { outcome = value; return this; }
        public Builder revision(String value) { return revision(Optional.of(value)); }

        /** @param value the revision running now, when one is known */
        public Builder revision(Optional<String> value) { revision = value; return this; }

        /** What failed the new version, and when the watch saw it. */
        public Builder failure(RolloutFailure value, Instant seenAt) {
            failure = Optional.of(value);
            failureSeenAt = Optional.of(seenAt);
            return this;
        }

        public Builder rollbackNote(String value) { rollbackNote = Optional.of(value); return this; }
        public Builder evidence(List<Path> value) { evidence = value; return this; }
        public Builder duration(Duration value) { duration = value; return this; }

        /** The address users call and the edge container in front of the model (Docker). */
        public Builder edge(String urlValue, String edgeContainer) {
            url = Optional.of(urlValue);
            edge = Optional.of(edgeContainer);
            return this;
        }

        /** The limit a diagnosis of the failed new version recommends. */
        public Builder recommendation(Optional<ResourceRecommendation> value) { recommendation = value; return this; }

        public DeployResult build() {
            Objects.requireNonNull(outcome, "outcome");
            return new DeployResult(target, object, image, outcome, revision, failure, failureSeenAt, rollbackNote,
                    logDirectory, evidence, duration, url, edge, recommendation);
        }
    }
}
