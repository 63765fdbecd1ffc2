package io.mlship.plugin;

import io.mlship.plugin.cli.Report;
import java.util.List;

/** Shows a deploy's or rollback's outcome, the failure that caused a rollback, and where the evidence is. */
public final class DeployAction extends SummaryAction {

    private final String target;
    private final String object;
    private final String image;
    private final String outcome;
    private final boolean succeeded;
    private final String failure;
    private final String rollback;
    private final String evidence;

    DeployAction(String target, String object, String image, String outcome, boolean succeeded, String failure,
                 String rollback, String evidence) {
        this.target = target;
        this.object = object;
        this.image = image;
        this.outcome = outcome;
        this.succeeded = succeeded;
        this.failure = failure;
        this.rollback = rollback;
        this.evidence = evidence;
    }

    /** From the CLI's deploy-report.json (written by deploy and rollback alike). */
    static DeployAction from(Report report) {
        return new DeployAction(report.string("target"), report.string("object"), report.string("image"), report.string("outcome"),
                report.bool("succeeded"), report.string("failure.summary"), report.string("rollback"), report.string("logDirectory"));
    }

    /** The step's failure message: what failed, what the rollback did, where the evidence is. */
    static String failureMessage(String step, Report report) {
        List<Object> lastLines = report.list("failure.lastLines");
        return step + ": " + report.string("target") + " " + report.string("object") + " " + report.string("outcome")
                + (report.string("failure.summary") == null ? "" : "\n  failure:  " + report.string("failure.summary"))
                + (lastLines.isEmpty() ? "" : "\n  last log lines:\n    | "
                        + String.join("\n    | ", lastLines.stream().map(String::valueOf).toList()))
                + (report.string("rollback") == null ? "" : "\n  rollback: " + report.string("rollback"))
                + "\n  evidence: " + report.string("logDirectory");
    }

    public String getTarget() {
        return target;
    }

    public String getObject() {
        return object;
    }

    public String getImage() {
        return image;
    }

    public String getOutcome() {
        return outcome;
    }

    public boolean isSucceeded() {
        return succeeded;
    }

    public String getFailure() {
        return failure;
    }

    public String getRollback() {
        return rollback;
    }

    public String getEvidence() {
        return evidence;
    }

    @Override
    public String getDisplayName() {
        return "Deploy of " + object;
    }
}
