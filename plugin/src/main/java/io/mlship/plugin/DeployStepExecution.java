package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployResult;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@link DeployStep}; a failed rollout fails the step with what failed and what the rollback did. */
final class DeployStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final transient DeployStep step;

    DeployStepExecution(DeployStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        StepEnvironment env = StepEnvironment.of(getContext(), "mlDeploy");
        DeployResult result;
        try {
            result = new DeployInvocation(env.workspace(), env.buildDirectory(), env.environment()).deploy(step, env.log());
        } catch (MlshipException e) {
            throw new AbortException("mlDeploy: " + e.getMessage());
        }
        env.run().addAction(DeployAction.of(result));
        if (!result.succeeded()) {
            throw new AbortException(DeployAction.failureMessage("mlDeploy", result));
        }
        return result.outcome().name();
    }
}
