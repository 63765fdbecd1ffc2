package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.Report;
import hudson.AbortException;
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
        StepEnvironment env = StepEnvironment.of(getContext());
        AgentCliRun agent = new AgentCliRun("mlDeploy", env);
        CliCall call = agent.call(cli -> CliCalls.deploy(step, cli, env.environment(), agent.runFolder("deploy")),
                step.isUseAgentEnvironment(), step.getMaskVariables());
        Report report = agent.requireReport(agent.run(call), call);
        env.run().addAction(DeployAction.from(report));
        if (!report.bool("succeeded")) {
            throw new AbortException(DeployAction.failureMessage("mlDeploy", report));
        }
        return report.string("outcome");
    }
}
