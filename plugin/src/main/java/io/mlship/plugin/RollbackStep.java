package io.mlship.plugin;

import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.Report;
import java.util.Map;
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
        super(FUNCTION, "rollback", project);
    }

    @Override
    CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder) {
        return CliCalls.rollback(this, cli, pipeline, folder);
    }

    /** The step fails unless the previous revision is back and ready. */
    @Override
    boolean reachedGoal(Report report) {
        return "ROLLED_BACK".equals(report.string("outcome"));
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Roll a model deploy back to its previous revision (mlship)");
        }
    }
}
