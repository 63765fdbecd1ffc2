package io.mlship.core.shadow.spec;

import io.mlship.core.MlshipException;
import java.util.List;

/**
 * What the candidate must show against the baseline. OOM kills and restarts of the candidate have no threshold:
 * one of either aborts.
 *
 * @param minAgreement     share of compared pairs whose outputs all agree (0..1)
 * @param outputs          the outputs compared and how; empty: every output, classes equal, numbers within
 *                         {@link #DEFAULT_TOLERANCE}
 * @param maxErrorRate     share of the candidate's answers that are not 2xx (0..1)
 * @param maxLatencyRatio  the candidate's p99 may be at most this many times the baseline's
 * @param maxMemoryShare   the candidate's memory peak may be at most this share of its limit (0..1]
 */
public record CriteriaSpec(double minAgreement, List<OutputRule> outputs, double maxErrorRate, double maxLatencyRatio,
                           double maxMemoryShare) {

    public static final double DEFAULT_TOLERANCE = 1e-6;

    public CriteriaSpec {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        share(minAgreement, "deploy.shadow.criteria.agreement.min");
        share(maxErrorRate, "deploy.shadow.criteria.errorRate.max");
        if (!(maxLatencyRatio >= 1)) {
            throw new MlshipException("deploy.shadow.criteria.latencyP99.maxRatio " + maxLatencyRatio
                    + " must be at least 1 (the baseline's own p99), e.g. 1.5");
        }
        if (!(maxMemoryShare > 0 && maxMemoryShare <= 1)) {
            throw new MlshipException("deploy.shadow.criteria.memory.maxShareOfLimit " + maxMemoryShare
                    + " must be above 0 and at most 1, e.g. 0.9");
        }
    }

    private static void share(double value, String path) {
        if (!(value >= 0 && value <= 1)) {
            throw new MlshipException(path + " " + value + " must be a share between 0 and 1, e.g. 0.99");
        }
    }

    public static CriteriaSpec defaults() {
        return new CriteriaSpec(0.99, List.of(), 0.01, 1.5, 0.9);
    }

    /** The rule for an output: the one named, else classes-or-numbers by the value's type with the default tolerance. */
    public OutputRule ruleFor(String output, boolean numeric) {
        return outputs.stream().filter(r -> r.output().equals(output)).findFirst()
                .orElse(numeric ? OutputRule.numbers(output, DEFAULT_TOLERANCE) : OutputRule.classes(output));
    }
}
