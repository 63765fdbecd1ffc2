package io.mlship.core.shadow.judge;

import java.util.List;
import java.util.Optional;

/**
 * What the judge decided and why: the outcome, a one-line reason, the last pair count and agreement (absent when
 * never measured), and every decision row of every check, in order.
 */
public record Judgement(ShadowOutcome outcome, String reason, long pairs, Optional<Double> agreement,
                        List<Decision> decisions, double seconds) {

    public Judgement {
        decisions = List.copyOf(decisions);
    }
}
