package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * KRR's "simple" strategy, with the rule behind each number written into the result: memory request = limit =
 * the maximum working set × 1.15, or the limit at the last OOM kill × 1.25 if larger; CPU request = the 95th
 * percentile of the usage rate; no CPU limit unless throttled. Usage figures count only from 100 points over
 * 3 hours ("not enough data" below that, "no data" without any). A {@code verify} peak is folded in with verify's
 * own rule (the peak must stay under the headroom share of the limit, 85% unless verify was told otherwise).
 */
final class RecommendationRules {

    static final double MEMORY_FACTOR = 1.15;
    static final double OOM_FACTOR = 1.25;
    static final double VERIFY_HEADROOM = 0.85;
    static final long MIN_POINTS = 100;
    static final Duration MIN_SPAN = Duration.ofHours(3);

    private RecommendationRules() {
    }

    static Recommendation recommend(Observations o, Verdict verdict, Optional<MemorySize> verifyPeak) {
        return recommend(o, verdict, verifyPeak, VERIFY_HEADROOM);
    }

    /** @param verifyHeadroom the share of the limit a {@code verify} peak may use (verify's {@code --headroom}, 0.85 by default) */
    static Recommendation recommend(Observations o, Verdict verdict, Optional<MemorySize> verifyPeak, double verifyHeadroom) {
        List<String> hints = new ArrayList<>();
        long best = 0;
        List<String> used = new ArrayList<>();
        String usageState = usageState(o.memoryPoints, o.span);
        if (usageState.equals(Recommendation.ADVISED) && o.maxWorkingSet.isPresent()) {
            long fromUsage = Quantities.mebibytesUp((long) Math.ceil(o.maxWorkingSet.get() * MEMORY_FACTOR)) * MemorySize.MIB;
            best = Math.max(best, fromUsage);
            used.add("max working set " + Quantities.memory(o.maxWorkingSet.get()) + " (" + o.maxWorkingSet.get() + " B, "
                    + o.memoryPoints + " points from " + o.usageSource + ") × 1.15 = " + Quantities.memory(fromUsage));
        }
        boolean oom = verdict == Verdict.OOM_KILLED || verdict == Verdict.CHILD_OOM || o.mainOomKilled || o.childOomKills > 0;
        if (oom && o.memoryLimit.isPresent()) {
            long fromOom = Quantities.mebibytesUp((long) Math.ceil(o.memoryLimit.get().bytes() * OOM_FACTOR)) * MemorySize.MIB;
            best = Math.max(best, fromOom);
            used.add("limit at the OOM kill " + Quantities.memory(o.memoryLimit.get().bytes()) + " × 1.25 = " + Quantities.memory(fromOom));
        }
        if (verifyPeak.isPresent()) {
            long fromVerify = Quantities.mebibytesUp((long) Math.ceil(verifyPeak.get().bytes() / verifyHeadroom)) * MemorySize.MIB;
            best = Math.max(best, fromVerify);
            used.add("verify's measured peak " + Quantities.memory(verifyPeak.get().bytes()) + " / " + fraction(verifyHeadroom) + " = "
                    + Quantities.memory(fromVerify));
        }
        Optional<String> memory = best > 0 ? Optional.of(Quantities.memory(best)) : Optional.empty();
        String memoryStatus = best > 0 ? Recommendation.ADVISED : usageState;
        String memoryRule = "request = limit = the largest of: max working set × 1.15 (needs "
                + MIN_POINTS + " points over 3 h), limit at the last OOM kill × 1.25, verify peak / " + fraction(verifyHeadroom)
                + "; rounded up to a whole MiB. "
                + (used.isEmpty() ? "Nothing applied: " + usageDetail(o.memoryPoints, o.span, o.usageSource) + "."
                        : "Applied: " + String.join("; ", used) + ".");

        String cpuState = usageState(o.cpuPoints, o.cpuSpan);
        Optional<String> cpuRequest = Optional.empty();
        String cpuRule = "request = 95th percentile of the CPU usage rate. ";
        if (cpuState.equals(Recommendation.ADVISED) && o.cpuP95.isPresent()) {
            cpuRequest = Optional.of(Quantities.cpu(o.cpuP95.get()));
            cpuRule += String.format(Locale.ROOT, "Applied: p95 = %.4f cores over %d points from %s = %s.", o.cpuP95.get(),
                    o.cpuPoints, o.usageSource, cpuRequest.get());
        } else {
            cpuRule += "Nothing applied: " + usageDetail(o.cpuPoints, o.cpuSpan, o.usageSource) + ".";
        }
        Optional<String> cpuLimit = Optional.empty();
        String cpuLimitRule = "no CPU limit (KRR): a limit only throttles";
        if (verdict == Verdict.CPU_THROTTLED || o.throttledRatio.filter(r -> r > VerdictRules.THROTTLED_THRESHOLD).isPresent()) {
            if (o.cpuLimit.isPresent()) {
                double ratio = Math.min(o.throttledRatio.orElse(0.0), 0.9);
                double wanted = o.cpuLimit.get() / (1 - ratio);
                double capped = o.hostCpus.map(c -> Math.min(wanted, c)).orElse(wanted);
                double rounded = Math.ceil(capped * 10 - 1e-9) / 10;
                cpuLimit = Optional.of(Quantities.cpu(rounded));
                cpuLimitRule = String.format(Locale.ROOT, "throttled %.0f%% of periods: limit = current %.3f cores / (1 − %.2f)"
                        + " (throttled share capped at 0.9), at most the host's CPUs, rounded up to 100m = %s; better: remove the CPU limit",
                        o.throttledRatio.orElse(0.0) * 100, o.cpuLimit.get(), ratio, cpuLimit.get());
            } else {
                cpuLimitRule = "throttled, but no CPU limit is known to raise; remove the CPU limit";
            }
        }
        MemoryBreakdown.hint(o.processes).ifPresent(hints::add);
        return new Recommendation(memory, memoryStatus, memoryRule, cpuRequest, cpuRequest.isPresent() ? Recommendation.ADVISED : cpuState,
                cpuRule, cpuLimit, cpuLimitRule, hints);
    }

    /** 0.85 as 0.85, 0.9 as 0.9: the headroom as the user wrote it. */
    private static String fraction(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String usageState(long points, Duration span) {
        if (points == 0) {
            return Recommendation.NO_DATA;
        }
        return points < MIN_POINTS || span.compareTo(MIN_SPAN) < 0 ? Recommendation.NOT_ENOUGH_DATA : Recommendation.ADVISED;
    }

    private static String usageDetail(long points, Duration span, String source) {
        if (points == 0) {
            return "no usage data (" + source + ")";
        }
        return points + " points over " + span.toSeconds() + " s from " + source + " (KRR's rule needs "
                + MIN_POINTS + " points over 3 h)";
    }
}
