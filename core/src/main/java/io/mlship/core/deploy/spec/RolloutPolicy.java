package io.mlship.core.deploy.spec;

import java.time.Duration;

/**
 * How the rollout watch judges a rollout. The defaults match Kubernetes (600 s progress deadline),
 * but mlship fails long before that on anything that cannot heal by waiting.
 *
 * @param progressDeadline  the whole rollout's time limit (also the Deployment's progressDeadlineSeconds)
 * @param readinessWindow   how long a running container may stay not-ready before the rollout fails
 * @param crashLoopRestarts restarts after which a CrashLoopBackOff container fails the rollout
 * @param rollback          roll back automatically on failure
 * @param lockTimeout       how long to wait for another deploy of the same object to finish
 */
public record RolloutPolicy(Duration progressDeadline, Duration readinessWindow, int crashLoopRestarts,
                            boolean rollback, Duration lockTimeout) {

    /** Each time-out is checked where it is built, naming the option and the field that set it. */
    public RolloutPolicy {
        positive(progressDeadline, "progress deadline", "--progress-deadline", "deploy.rollout.progressDeadlineSeconds");
        positive(readinessWindow, "readiness window", "--readiness-window", "deploy.rollout.readinessWindowSeconds");
        positive(lockTimeout, "lock timeout", "--lock-timeout", "deploy.rollout.lockTimeoutSeconds");
        if (crashLoopRestarts < 0) {
            throw new io.mlship.core.MlshipException("crash-loop restarts " + crashLoopRestarts
                    + " must not be negative (deploy.rollout.crashLoopRestarts)");
        }
    }

    private static void positive(Duration value, String what, String option, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new io.mlship.core.MlshipException(what + " " + (value == null ? "(none)" : value.toSeconds() + " s")
                    + " must be a positive number of seconds (" + option + " or " + field + "), e.g. " + option + " 120");
        }
    }

    public static RolloutPolicy defaults() {
        return new RolloutPolicy(Duration.ofSeconds(600), Duration.ofSeconds(120), 2, true, Duration.ofSeconds(900));
    }

    public RolloutPolicy withProgressDeadline(Duration deadline) {
        return new RolloutPolicy(deadline, readinessWindow, crashLoopRestarts, rollback, lockTimeout);
    }

    public RolloutPolicy withReadinessWindow(Duration window) {
        return new RolloutPolicy(progressDeadline, window, crashLoopRestarts, rollback, lockTimeout);
    }

    public RolloutPolicy withRollback(boolean enabled) {
        return new RolloutPolicy(progressDeadline, readinessWindow, crashLoopRestarts, enabled, lockTimeout);
    }

    public RolloutPolicy withLockTimeout(Duration timeout) {
        return new RolloutPolicy(progressDeadline, readinessWindow, crashLoopRestarts, rollback, timeout);
    }

    public RolloutPolicy withCrashLoopRestarts(int restarts) {
        return new RolloutPolicy(progressDeadline, readinessWindow, restarts, rollback, lockTimeout);
    }
}
