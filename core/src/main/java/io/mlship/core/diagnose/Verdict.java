package io.mlship.core.diagnose;

/** Why a model was killed or slowed, in order of precedence: the first that the evidence supports is the verdict. */
public enum Verdict {
    /** The node ran short of memory and the kubelet evicted the pod; the container's own limit was not the cause. */
    EVICTED,
    /** The kernel killed the container's main process at the container's memory limit. */
    OOM_KILLED,
    /** The kernel killed a process inside the container (a worker) while the container lived on. */
    CHILD_OOM,
    /** Exit code 137 or a KILL signal without any OOM evidence: something else killed it (a stop timeout, a liveness probe, a person). */
    SIGKILL_NOT_OOM,
    /** More than 25% of the CFS periods were throttled (the CPUThrottlingHigh alert's threshold). */
    CPU_THROTTLED,
    /** None of the above. */
    HEALTHY
}
