package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;
import java.util.Optional;

/**
 * The diagnosis' memory rule for a run that has no container left to inspect, such as {@code verify}'s: the same
 * {@link RecommendationRules} (limit at the OOM kill × 1.25, verify's peak / 0.85, the largest, in whole MiB) fed
 * with what the run measured, so verify and diagnose never advise two different numbers for the same evidence.
 */
public final class OomAdvice {

    private OomAdvice() {
    }

    /** After an OOM kill under {@code limitAtKill}, with the peak measured under a larger limit when there is one. */
    public static Optional<ResourceRecommendation> afterKill(MemorySize limitAtKill, Optional<MemorySize> measuredPeak) {
        Observations o = new Observations();
        o.mainOomKilled = true;
        o.memoryLimit = Optional.of(limitAtKill);
        return advice(o, Verdict.OOM_KILLED, measuredPeak, Verdict.OOM_KILLED.name());
    }

    /** Not killed, but the peak is too close to the limit: the verify peak rule alone ({@code verdict} names why). */
    public static Optional<ResourceRecommendation> fromPeak(MemorySize peak, String verdict) {
        return advice(new Observations(), Verdict.HEALTHY, Optional.of(peak), verdict);
    }

    private static Optional<ResourceRecommendation> advice(Observations o, Verdict verdict, Optional<MemorySize> peak, String label) {
        Recommendation r = RecommendationRules.recommend(o, verdict, peak);
        return r.memory().map(q -> new ResourceRecommendation(label, q, r.memoryRule()));
    }
}
