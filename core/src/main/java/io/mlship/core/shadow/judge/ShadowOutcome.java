package io.mlship.core.shadow.judge;

/** How a shadow ends, and the exit code front ends return for it. */
public enum ShadowOutcome {
    /** Every criterion passed with enough data: the candidate goes live. */
    PROMOTED(0),
    /** A criterion failed (or the candidate was OOM-killed or restarted): shadow removed, live untouched. */
    ABORTED(1),
    /** Not enough data by maxDuration: nothing changes. */
    INCONCLUSIVE(3);

    private final int exitCode;

    ShadowOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
