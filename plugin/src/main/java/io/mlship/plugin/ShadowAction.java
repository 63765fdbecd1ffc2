package io.mlship.plugin;

import io.mlship.plugin.cli.Report;

/**
 * An {@code mlShadow} run's outcome on the build page: the candidate image, PROMOTED / ABORTED / INCONCLUSIVE with the
 * reason, the measured agreement and the pairs it rests on. The ML delivery card reads it as the image's shadow verdict.
 */
public final class ShadowAction extends SummaryAction {

    private final String image;
    private final String outcome;
    private final String reason;
    private final String agreement;
    private final long pairs;
    private final String promotion;

    ShadowAction(String image, String outcome, String reason, String agreement, long pairs, String promotion) {
        this.image = image;
        this.outcome = outcome;
        this.reason = reason;
        this.agreement = agreement;
        this.pairs = pairs;
        this.promotion = promotion;
    }

    /** From the CLI's shadow-report.json; the candidate image is the step's (the report names the shadow, not the image). */
    static ShadowAction from(String image, Report report) {
        return new ShadowAction(image, report.string("outcome"), report.string("reason"),
                report.value("agreement").map(String::valueOf).orElse(null), report.number("pairs").orElse(0L),
                report.string("promotion"));
    }

    public String getImage() {
        return image;
    }

    public String getOutcome() {
        return outcome;
    }

    public boolean isPromoted() {
        return "PROMOTED".equals(outcome);
    }

    public String getReason() {
        return reason;
    }

    public String getAgreement() {
        return agreement;
    }

    public long getPairs() {
        return pairs;
    }

    /** The promotion's deploy outcome (DEPLOYED, ROLLED_BACK...), when the shadow passed; else null. */
    public String getPromotion() {
        return promotion;
    }

    /** "ABORTED, agreement 0.873333 over 300 pairs", the line the delivery card shows. */
    public String getSummary() {
        return outcome + (agreement == null ? ", no agreement measured" : ", agreement " + agreement + " over " + pairs + " pairs");
    }

    @Override
    public String getDisplayName() {
        return "mlship shadow";
    }
}
