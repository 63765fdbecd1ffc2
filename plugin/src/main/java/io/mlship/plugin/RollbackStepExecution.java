package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployResult;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@link RollbackStep}; the step fails unless the previous revision is back and ready. */
final class RollbackStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final transient RollbackStep step;

    RollbackStepExecution(RollbackStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        StepEnvironment env = StepEnvironment.of(getContext(), "mlRollback");
        DeployResult result;
        try {
            result = new DeployInvocation(env.workspace(), env.buildDirectory(), env.environment()).rollback(step, env.log());
        } catch (MlshipException e) {
            throw new AbortException("mlRollback: " + e.getMessage());
        }
        env.run().addAction(DeployAction.of(result));
        if (result.outcome() != DeployOutcome.ROLLED_BACK) {
            throw new AbortException(DeployAction.failureMessage("mlRollback", result));
        }
        return result.outcome().name();
    }
}
