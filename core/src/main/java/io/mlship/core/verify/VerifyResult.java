package io.mlship.core.verify;

import io.mlship.core.common.MemorySize;
import io.mlship.core.diagnose.ResourceRecommendation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a local verification. {@code passed()} only when the server got ready, every sample
 * met its expectation, nothing was OOM-killed and the memory peak stayed within the headroom.
 *
 * @param measuredNeed     peak measured in a second run under a larger limit, after an OOM kill
 * @param recommendedLimit the diagnosis' memory limit for verify's evidence (after an OOM kill the limit at the kill
 *                         × 1.25 or the measured peak / headroom, the larger; else the peak / headroom; whole MiB);
 *                         on an OOM verdict the same quantity as {@code diagnosis}
 * @param diagnosis        on an OOM verdict, that quantity with its verdict and rule: what {@code mlship diagnose}
 *                         would advise for the same evidence
 * @param memorySeries     the container's memory usage over the run, one Docker stats sample a second (the report's chart)
 */
public record VerifyResult(String image, List<Problem> problems, MemorySize memoryLimit, MemorySize peakMemory,
                           Optional<MemorySize> measuredNeed, Optional<MemorySize> recommendedLimit,
                           Optional<Duration> readyAfter, List<SampleOutcome> samples, Path containerLog,
                           Duration duration, Optional<ResourceRecommendation> diagnosis, List<MemorySample> memorySeries) {

    /** Why a verification failed; {@code OOM_KILLED} and {@code MEMORY_HEADROOM} are the OOM verdicts. */
    public enum Kind { OOM_KILLED, MEMORY_HEADROOM, NOT_READY, EXITED, SAMPLE_FAILED }

    public record Problem(Kind kind, String message) {
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    public boolean oomVerdict() {
        return problems.stream().anyMatch(p -> p.kind() == Kind.OOM_KILLED || p.kind() == Kind.MEMORY_HEADROOM);
    }
}
