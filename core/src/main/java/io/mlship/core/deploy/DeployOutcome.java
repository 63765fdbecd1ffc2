package io.mlship.core.deploy;

/** How a deploy ended. Only {@code DEPLOYED} is a success. */
public enum DeployOutcome {
    /** The new version is rolled out and every updated replica is ready. */
    DEPLOYED,
    /** The new version failed; the previous revision is back and confirmed ready. */
    ROLLED_BACK,
    /** The new version failed and there is no earlier revision: what the deploy created was removed, what it changed put back. */
    REMOVED,
    /** The new version failed and automatic rollback was disabled: it is left as it is for inspection. */
    FAILED,
    /** The new version failed and so did the rollback: the object needs a person. */
    ROLLBACK_FAILED
}
