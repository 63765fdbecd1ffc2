package io.mlship.plugin;

import hudson.Extension;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code mlRollback project: 'models/iris'}: goes back to the previous revision ({@code kubectl rollout undo}
 * semantics; on a Docker host the previous container) and fails unless it is confirmed ready.
 */
public final class RollbackStep extends DeployTargetStep {

    private final String project;

    @DataBoundConstructor
    public RollbackStep(String project) {
        this.project = project == null || project.isBlank() ? "." : project;
    }

    public String getProject() {
        return project;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new RollbackStepExecution(this, context);
    }

    @Extension
    @Symbol("mlRollback")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlRollback";
        }

        @Override
        public String getDisplayName() {
            return "Roll a model deploy back to its previous revision (mlship)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED_CONTEXT;
        }
    }
}
