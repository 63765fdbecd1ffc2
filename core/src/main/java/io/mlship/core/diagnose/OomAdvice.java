package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;
import java.util.Optional;

/**
 * The diagnosis' memory rule for a run that has no container left to inspect, such as {@code verify}'s: the same
 * {@link RecommendationRules} (limit at the OOM kill × 1.25, verify's peak / its headroom, the largest, in whole MiB)
 * fed with what the run measured, so verify prints one recommended limit and diagnose never advises another number
 * for the same evidence.
 */
public final class OomAdvice {

    private OomAdvice() {
    }

    /**
     * After an OOM kill under {@code limitAtKill}, with the peak measured under a larger limit when there is one.
     *
     * @param headroom the share of the limit the peak may use (verify's {@code --headroom})
     */
    public static Optional<ResourceRecommendation> afterKill(MemorySize limitAtKill, Optional<MemorySize> measuredPeak, double headroom) {
        Observations o = new Observations();
        o.mainOomKilled = true;
        o.memoryLimit = Optional.of(limitAtKill);
        return advice(o, Verdict.OOM_KILLED, measuredPeak, headroom, Verdict.OOM_KILLED.name());
    }

    /**
     * Not killed: the limit that keeps {@code peak} within the headroom; {@code verdict} names why it is asked
     * ({@code MEMORY_HEADROOM} when the peak is too close to the limit). Empty for a peak of zero (nothing measured).
     */
    public static Optional<ResourceRecommendation> fromPeak(MemorySize peak, double headroom, String verdict) {
        return advice(new Observations(), Verdict.HEALTHY, Optional.of(peak), headroom, verdict);
    }

    private static Optional<ResourceRecommendation> advice(Observations o, Verdict verdict, Optional<MemorySize> peak, double headroom,
                                                           String label) {
        Recommendation r = RecommendationRules.recommend(o, verdict, peak, headroom);
        return r.memory().map(q -> new ResourceRecommendation(label, q, r.memoryRule()));
    }
}
