package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.Report;
import hudson.AbortException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@link BuildImageStep} off the CPS thread: translates the Jenkins context into a core
 * request, keeps the log under the build's directory, and attaches the result to the build.
 */
final class BuildImageStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final transient BuildImageStep step;

    BuildImageStepExecution(BuildImageStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        StepEnvironment env = StepEnvironment.of(getContext());
        AgentCliRun agent = new AgentCliRun("mlBuildImage", env);
        CliCall call = agent.call(cli -> CliCalls.build(step, cli, agent.runFolder("build")),
                step.isUseAgentEnvironment(), step.getMaskVariables());
        Report report = agent.requireReport(agent.run(call), call);
        if (!"success".equals(report.string("status"))) {
            throw new AbortException(BuildImageAction.failureMessage(report));
        }
        env.run().addAction(BuildImageAction.from(report));
        return report.string("imageId");
    }
}
