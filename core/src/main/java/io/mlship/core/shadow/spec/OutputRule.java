package io.mlship.core.shadow.spec;

import io.mlship.core.MlshipException;

/**
 * How one Open Inference Protocol output of the candidate is compared with the baseline's: classes (strings,
 * integers, booleans) must be equal; numbers agree when within {@code relativeTolerance} of each other.
 */
public record OutputRule(String output, Kind kind, double relativeTolerance) {

    public enum Kind { CLASS, NUMBER }

    public OutputRule {
        if (output == null || output.isBlank()) {
            throw new MlshipException("an agreement output needs a name, e.g. predict");
        }
        if (kind == null) {
            throw new MlshipException("agreement output " + output + " needs a kind: class or number");
        }
        if (!(relativeTolerance >= 0) || relativeTolerance >= 1) {
            throw new MlshipException("agreement output " + output + ": relativeTolerance " + relativeTolerance
                    + " must be at least 0 and below 1, e.g. 0.001");
        }
    }

    public static OutputRule classes(String output) {
        return new OutputRule(output, Kind.CLASS, 0);
    }

    public static OutputRule numbers(String output, double relativeTolerance) {
        return new OutputRule(output, Kind.NUMBER, relativeTolerance);
    }
}
