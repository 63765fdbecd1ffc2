package io.mlship.plugin.delivery;

/** One {@code mlDeploy} or {@code mlRollback} outcome of a build, as its deploy report says. */
public record DeployRecord(String target, String object, String image, String outcome) {

    /** The new version is rolled out and ready (core's DeployOutcome.DEPLOYED, the only success). */
    boolean deployed() {
        return "DEPLOYED".equals(outcome);
    }
}
