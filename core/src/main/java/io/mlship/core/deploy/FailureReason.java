package io.mlship.core.deploy;

/** Why a rollout failed: each one is a state that waiting longer does not heal. */
public enum FailureReason {
    OOM_KILLED("OOMKilled"),
    CRASH_LOOP("CrashLoopBackOff"),
    IMAGE_PULL("image pull failed"),
    CONFIG_ERROR("container config error"),
    UNSCHEDULABLE("unschedulable"),
    NOT_READY("never ready"),
    EXITED("exited"),
    PROGRESS_DEADLINE("progress deadline exceeded");

    private final String label;

    FailureReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
