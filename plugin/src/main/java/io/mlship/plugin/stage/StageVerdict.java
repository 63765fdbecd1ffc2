package io.mlship.plugin.stage;

import java.util.Objects;

/**
 * What one step's report means for its stage in the Pipeline graph: the label shown instead of the step's
 * arguments, and, unless the step reached its goal, the name of its failure (e.g. {@code OOM}) and the message that
 * explains it. Whether a failure fails the step or only marks it unstable is the pipeline's choice
 * ({@link UnstableOn}), never the report's.
 *
 * @param label   one line for the stage, e.g. "verify: PASSED peak 150.6 MiB / 256.0 MiB"
 * @param failure the failure's name, or null when the step reached its goal
 * @param message what failed and how to fix it (the step's error, or the stage's warning); null when passed
 */
public record StageVerdict(String label, String failure, String message) {

    /** What the stage becomes. */
    public enum Consequence {
        /** The step reached its goal. */
        PASS,
        /** A failure the pipeline named in {@code unstableOn}: the stage turns yellow with the message, the run UNSTABLE. */
        UNSTABLE,
        /** Any other failure: the step fails with the message (an AbortException). */
        FAIL
    }

    public StageVerdict {
        Objects.requireNonNull(label, "label");
        if ((failure == null) != (message == null)) {
            throw new IllegalArgumentException("a failure needs a message and a pass has none: " + failure + " / " + message);
        }
    }

    public static StageVerdict passed(String label) {
        return new StageVerdict(label, null, null);
    }

    public static StageVerdict failed(String label, String failure, String message) {
        return new StageVerdict(label, Objects.requireNonNull(failure, "failure"), Objects.requireNonNull(message, "message"));
    }

    public boolean isPassed() {
        return failure == null;
    }

    public Consequence consequence(UnstableOn unstableOn) {
        if (isPassed()) {
            return Consequence.PASS;
        }
        return unstableOn.contains(failure) ? Consequence.UNSTABLE : Consequence.FAIL;
    }
}
