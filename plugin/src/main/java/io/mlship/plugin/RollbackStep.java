package io.mlship.plugin;

import hudson.Extension;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployResult;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code mlRollback project: 'models/iris'}: goes back to the previous revision ({@code kubectl rollout undo}
 * semantics; on a Docker host the previous container) and fails unless it is confirmed ready.
 */
public final class RollbackStep extends DeployTargetStep {

    static final String FUNCTION = "mlRollback";

    @DataBoundConstructor
    public RollbackStep(String project) {
        super(FUNCTION, project);
    }

    /** Rolls back; the step fails unless the previous revision is back and ready. */
    @Override
    String perform(StepEnvironment env) throws IOException, InterruptedException {
        DeployResult result = new DeployInvocation(env.workspace(), env.buildDirectory(), env.environment()).rollback(this, env.log());
        return attach(env, result, result.outcome() == DeployOutcome.ROLLED_BACK);
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Roll a model deploy back to its previous revision (mlship)");
        }
    }
}
