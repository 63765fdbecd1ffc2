package io.mlship.core.shadow.spec;

import io.mlship.core.MlshipException;
import java.time.Duration;

/**
 * When the judge decides: every {@code interval} it evaluates the criteria; it may promote only after
 * {@code minDuration} and {@code minRequests} compared pairs; {@code failureLimit} failed checks abort; at
 * {@code maxDuration} without a decision, {@code noData} says what happens; {@code metrics} says whose series the
 * error-rate and latency criteria read.
 */
public record AnalysisSpec(Duration interval, int minRequests, Duration minDuration, Duration maxDuration,
                           int failureLimit, NoDataPolicy noData, MetricsSource metrics) {

    /** Judged on the comparator's own series. */
    public AnalysisSpec(Duration interval, int minRequests, Duration minDuration, Duration maxDuration, int failureLimit,
                        NoDataPolicy noData) {
        this(interval, minRequests, minDuration, maxDuration, failureLimit, noData, MetricsSource.COMPARATOR);
    }

    public AnalysisSpec {
        if (interval.isNegative() || interval.isZero()) {
            throw new MlshipException("deploy.shadow.analysis.interval must be positive, e.g. 10s");
        }
        if (minRequests < 1) {
            throw new MlshipException("deploy.shadow.analysis.minRequests " + minRequests + " must be at least 1");
        }
        if (maxDuration.compareTo(minDuration) < 0 || maxDuration.compareTo(interval) < 0) {
            throw new MlshipException("deploy.shadow.analysis.maxDuration " + maxDuration.toSeconds()
                    + "s must be at least minDuration (" + minDuration.toSeconds() + "s) and interval ("
                    + interval.toSeconds() + "s)");
        }
        if (failureLimit < 1) {
            throw new MlshipException("deploy.shadow.analysis.failureLimit " + failureLimit + " must be at least 1");
        }
        if (noData == null) {
            noData = NoDataPolicy.INCONCLUSIVE;
        }
        if (metrics == null) {
            metrics = MetricsSource.COMPARATOR;
        }
    }

    public static AnalysisSpec defaults() {
        return new AnalysisSpec(Duration.ofSeconds(10), 200, Duration.ofSeconds(60), Duration.ofMinutes(10), 1,
                NoDataPolicy.INCONCLUSIVE);
    }
}
