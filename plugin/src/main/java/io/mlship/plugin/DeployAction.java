package io.mlship.plugin;

import io.mlship.core.deploy.DeployResult;

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

    static DeployAction of(DeployResult result) {
        return new DeployAction(result.target(), result.object(), result.image(), result.outcome().name(), result.succeeded(),
                result.failure().map(f -> f.summary()).orElse(null), result.rollbackNote().orElse(null),
                result.logDirectory().toString());
    }

    /** The step's failure message: what failed, what the rollback did, where the evidence is. */
    static String failureMessage(String step, DeployResult result) {
        return step + ": " + result.target() + " " + result.object() + " " + result.outcome()
                + result.failure().map(f -> "\n  failure:  " + f.summary()).orElse("")
                + result.failure().filter(f -> !f.lastLines().isEmpty()).map(f -> "\n  last log lines:\n    | "
                        + String.join("\n    | ", f.lastLines())).orElse("")
                + result.rollbackNote().map(n -> "\n  rollback: " + n).orElse("")
                + "\n  evidence: " + result.logDirectory();
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
