package io.mlship.core.deploy.kubernetes;

/**
 * Going back one revision of a workload: {@code kubectl rollout undo} for a Deployment, {@code oc rollback}
 * for a DeploymentConfig. Both copy the previous revision's pod template back into the workload.
 */
public interface WorkloadRollback {

    /** What the undo wrote: the workload's new generation (to watch), the revision it went back to, its image. */
    record Undo(long generation, long toRevision, String image) {
    }

    boolean hasPreviousRevision();

    /** @throws io.mlship.core.MlshipException when there is no earlier revision */
    Undo undo();
}
