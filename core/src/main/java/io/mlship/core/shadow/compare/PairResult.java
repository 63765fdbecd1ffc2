package io.mlship.core.shadow.compare;

/** How a pair of answers to one mirrored request compared. */
public enum PairResult {
    /** Both answered 2xx and every output agrees. */
    AGREE,
    /** Both answered 2xx and at least one output differs (or is missing, or is not an inference answer). */
    DISAGREE,
    /** At least one side failed (non-2xx, time-out, connection refused): nothing to compare. */
    UNPAIRED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
