package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the evidence sources found, gathered for the verdict and the recommendation. Each source fills in only what
 * it saw; everything else stays unknown (never a default that looks like a measurement).
 */
final class Observations {

    final List<Evidence> evidence = new ArrayList<>();
    final List<ProcessMemory> processes = new ArrayList<>();
    final List<QueryValue> queries = new ArrayList<>();

    /** Whether the container (or every container of the pods) runs now. */
    Optional<Boolean> running = Optional.empty();
    /** The main process was killed at the limit: Docker's State.OOMKilled with exit 137, an oom event right before die, or terminated.reason OOMKilled. */
    boolean mainOomKilled;
    /** OOM kills inside the cgroup that did not end the container (oom events without a die, the cgroup's oom_kill counter). */
    long childOomKills;
    boolean evicted;
    /** Exit code 137 or a KILL signal seen, whatever the cause. */
    boolean sigkill;
    int restarts;
    Optional<MemorySize> memoryLimit = Optional.empty();
    /** The CPU limit in cores, when one is set. */
    Optional<Double> cpuLimit = Optional.empty();
    /** Throttled CFS periods over all periods, from stats deltas or the history. */
    Optional<Double> throttledRatio = Optional.empty();
    /** Host (node) CPUs: the cap for a CPU limit. */
    Optional<Integer> hostCpus = Optional.empty();

    /** Memory working set and CPU usage: from Prometheus, else mlship's own samples. */
    Optional<Long> maxWorkingSet = Optional.empty();
    long memoryPoints;
    Duration span = Duration.ZERO;
    Optional<Double> cpuP95 = Optional.empty();
    long cpuPoints;
    Duration cpuSpan = Duration.ZERO;
    /** "prometheus (14d)" or "docker stats (30 s)": where the usage figures came from. */
    String usageSource = "none";

    void saw(String source, String fact, Object value) {
        evidence.add(new Evidence(source, fact, value));
    }
}
