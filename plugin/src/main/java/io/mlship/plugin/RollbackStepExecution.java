package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.Report;
import hudson.AbortException;
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
        StepEnvironment env = StepEnvironment.of(getContext());
        AgentCliRun agent = new AgentCliRun("mlRollback", env);
        CliCall call = agent.call(cli -> CliCalls.rollback(step, cli, env.environment(), agent.runFolder("rollback")),
                step.isUseAgentEnvironment(), step.getMaskVariables());
        Report report = agent.requireReport(agent.run(call), call);
        env.run().addAction(DeployAction.from(report));
        if (!"ROLLED_BACK".equals(report.string("outcome"))) {
            throw new AbortException(DeployAction.failureMessage("mlRollback", report));
        }
        return report.string("outcome");
    }
}
