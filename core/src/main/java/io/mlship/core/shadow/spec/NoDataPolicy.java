package io.mlship.core.shadow.spec;

import io.mlship.core.MlshipException;
import java.util.Locale;

/**
 * What a criterion without data means at {@code maxDuration}. There is deliberately no "pass": a shadow that saw
 * nothing has shown nothing (flagger#883, argo-rollouts#1466).
 */
public enum NoDataPolicy {
    /** Nothing changes: the live model stays, the candidate is not promoted (exit code 3). */
    INCONCLUSIVE,
    /** Counted as a failed check: the candidate is aborted. */
    FAIL;

    public static NoDataPolicy parse(String text, String path) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("pass")) {
            throw new MlshipException(path + " `pass` is refused: a shadow without data must never promote; use inconclusive or fail");
        }
        for (NoDataPolicy policy : values()) {
            if (policy.name().toLowerCase(Locale.ROOT).equals(value)) {
                return policy;
            }
        }
        throw new MlshipException(path + " `" + text + "` must be inconclusive or fail");
    }
}
