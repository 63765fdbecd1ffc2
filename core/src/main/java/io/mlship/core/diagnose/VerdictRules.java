package io.mlship.core.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns observations into the verdict, in {@link Verdict}'s order of precedence. The traps it avoids: exit code 137
 * is any SIGKILL, so it is an OOM kill only with OOM evidence; an OOM in the cgroup whose container lives on is a
 * child's; Kubernetes emits no OOM event, so there the evidence is {@code terminated.reason}.
 */
final class VerdictRules {

    /** CPUThrottlingHigh fires above 25% throttled periods. */
    static final double THROTTLED_THRESHOLD = 0.25;

    private VerdictRules() {
    }

    record Decision(Verdict verdict, String reason, List<Verdict> alsoSeen) {
    }

    static Decision decide(Observations o) {
        List<Decision> found = new ArrayList<>();
        if (o.evicted) {
            found.add(new Decision(Verdict.EVICTED, "the pod was evicted (node pressure), not killed at its own limit", List.of()));
        }
        if (o.mainOomKilled) {
            found.add(new Decision(Verdict.OOM_KILLED, "the kernel killed the main process at the memory limit"
                    + o.memoryLimit.map(l -> " (" + Quantities.memory(l.bytes()) + ")").orElse(""), List.of()));
        }
        if (o.childOomKills > 0) {
            found.add(new Decision(Verdict.CHILD_OOM, o.childOomKills + " process(es) inside the container were OOM-killed while the container lived on", List.of()));
        }
        if (o.sigkill && !o.mainOomKilled && o.childOomKills == 0) {
            found.add(new Decision(Verdict.SIGKILL_NOT_OOM, "killed by SIGKILL (exit code 137) without any OOM evidence: "
                    + "a stop timeout, a failed liveness probe or a person, not the memory limit", List.of()));
        }
        if (o.throttledRatio.isPresent() && o.throttledRatio.get() > THROTTLED_THRESHOLD) {
            found.add(new Decision(Verdict.CPU_THROTTLED, String.format(Locale.ROOT,
                    "%.0f%% of CFS periods were throttled (alert threshold 25%%)", o.throttledRatio.get() * 100), List.of()));
        }
        if (found.isEmpty()) {
            return new Decision(Verdict.HEALTHY, "no OOM kill, eviction, SIGKILL or CPU throttling over 25% in the evidence", List.of());
        }
        Decision first = found.get(0);
        List<Verdict> also = found.stream().skip(1).map(Decision::verdict).toList();
        return new Decision(first.verdict(), first.reason(), also);
    }
}
