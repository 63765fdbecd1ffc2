package io.mlship.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.common.MemorySize;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdict's precedence and the recommendation's arithmetic, on observations written out by hand. */
class RulesTest {

    @Test
    void exitCode137AloneIsNotAnOomKill() {
        Observations o = new Observations();
        o.sigkill = true;
        assertThat(VerdictRules.decide(o).verdict()).isEqualTo(Verdict.SIGKILL_NOT_OOM);
        o.mainOomKilled = true;
        assertThat(VerdictRules.decide(o).verdict()).isEqualTo(Verdict.OOM_KILLED);
    }

    @Test
    void evictionComesFirstAndTheOthersAreListed() {
        Observations o = new Observations();
        o.evicted = true;
        o.mainOomKilled = true;
        o.throttledRatio = Optional.of(0.5);
        VerdictRules.Decision d = VerdictRules.decide(o);
        assertThat(d.verdict()).isEqualTo(Verdict.EVICTED);
        assertThat(d.alsoSeen()).containsExactly(Verdict.OOM_KILLED, Verdict.CPU_THROTTLED);
    }

    @Test
    void throttlingCountsAboveAQuarterOfThePeriods() {
        Observations o = new Observations();
        o.throttledRatio = Optional.of(0.25);
        assertThat(VerdictRules.decide(o).verdict()).isEqualTo(Verdict.HEALTHY);
        o.throttledRatio = Optional.of(0.26);
        assertThat(VerdictRules.decide(o).verdict()).isEqualTo(Verdict.CPU_THROTTLED);
    }

    @Test
    void memoryIsTheLargestOfTheRulesRoundedUpToAWholeMebibyte() {
        Observations o = enoughData(200 * MemorySize.MIB + 1);
        // (200 MiB + 1 B) × 1.15 = 230 MiB + 2 B → 231Mi
        assertThat(RecommendationRules.recommend(o, Verdict.HEALTHY, Optional.empty()).memory()).contains("231Mi");
        o.mainOomKilled = true;
        o.memoryLimit = Optional.of(MemorySize.ofMebibytes(256));
        assertThat(RecommendationRules.recommend(o, Verdict.OOM_KILLED, Optional.empty()).memory()).contains("320Mi");
        assertThat(RecommendationRules.recommend(o, Verdict.OOM_KILLED, Optional.of(MemorySize.ofMebibytes(340))).memory())
                .contains("400Mi"); // 340 / 0.85
    }

    @Test
    void tooFewPointsOrTooShortASpanIsNotEnoughDataAndNoneIsNoData() {
        Observations o = enoughData(MemorySize.ofMebibytes(100).bytes());
        o.memoryPoints = 99;
        assertThat(RecommendationRules.recommend(o, Verdict.HEALTHY, Optional.empty()).memoryStatus()).isEqualTo(Recommendation.NOT_ENOUGH_DATA);
        o.memoryPoints = 1000;
        o.span = Duration.ofHours(2);
        assertThat(RecommendationRules.recommend(o, Verdict.HEALTHY, Optional.empty()).memoryStatus()).isEqualTo(Recommendation.NOT_ENOUGH_DATA);
        Observations none = new Observations();
        Recommendation r = RecommendationRules.recommend(none, Verdict.HEALTHY, Optional.empty());
        assertThat(r.memoryStatus()).isEqualTo(Recommendation.NO_DATA);
        assertThat(r.cpuStatus()).isEqualTo(Recommendation.NO_DATA);
        assertThat(r.lines()).noneMatch(l -> l.contains(" 0") || l.contains("0Mi"));
    }

    @Test
    void cpuRequestIsTheP95InMillicoresAndALimitOnlyWhenThrottled() {
        Observations o = enoughData(MemorySize.ofMebibytes(100).bytes());
        o.cpuP95 = Optional.of(0.8614);
        o.cpuPoints = 500;
        o.cpuSpan = Duration.ofHours(5);
        Recommendation r = RecommendationRules.recommend(o, Verdict.HEALTHY, Optional.empty());
        assertThat(r.cpuRequest()).contains("862m");
        assertThat(r.cpuLimit()).isEmpty();
        o.cpuLimit = Optional.of(0.5);
        o.throttledRatio = Optional.of(0.5);
        o.hostCpus = Optional.of(8);
        assertThat(RecommendationRules.recommend(o, Verdict.CPU_THROTTLED, Optional.empty()).cpuLimit()).contains("1000m");
    }

    @Test
    void processesAreGroupedIntoAMasterAndItsWorkers() {
        List<ProcessMemory> ps = List.of(
                new ProcessMemory(10, 1, MemorySize.ofMebibytes(40), "gunicorn", "gunicorn master"),
                new ProcessMemory(11, 10, MemorySize.ofMebibytes(180), "gunicorn", "gunicorn worker"),
                new ProcessMemory(12, 10, MemorySize.ofMebibytes(180), "gunicorn", "gunicorn worker"),
                new ProcessMemory(13, 10, MemorySize.ofMebibytes(180), "gunicorn", "gunicorn worker"),
                new ProcessMemory(14, 10, MemorySize.ofMebibytes(180), "gunicorn", "gunicorn worker"));
        assertThat(MemoryBreakdown.summary(ps)).isEqualTo("4 gunicorn workers × 180.0 MiB + master 40.0 MiB");
        assertThat(MemoryBreakdown.hint(ps)).contains("4 gunicorn workers at about 180Mi each: every one fewer saves about 180Mi, an alternative to a larger limit");
    }

    @Test
    void quantitiesAreWholeMebibytesAndMillicoresRoundedUp() {
        assertThat(Quantities.memory(243 * MemorySize.MIB)).isEqualTo("243Mi");
        assertThat(Quantities.memory(243 * MemorySize.MIB + 1)).isEqualTo("244Mi");
        assertThat(Quantities.cpu(0.862)).isEqualTo("862m");
        assertThat(Quantities.cpu(0.0001)).isEqualTo("1m");
    }

    private static Observations enoughData(long maxWorkingSet) {
        Observations o = new Observations();
        o.maxWorkingSet = Optional.of(maxWorkingSet);
        o.memoryPoints = 40_320;
        o.span = Duration.ofDays(14);
        o.usageSource = "test";
        return o;
    }
}
