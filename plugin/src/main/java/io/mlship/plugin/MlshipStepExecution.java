package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.cli.StepCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs an mlship step off the CPS thread, the same way for every step: its {@link StepEnvironment} from the
 * context, the step's {@link MlshipStep#cliCall command line} run on the workspace's node ({@link AgentCliRun}),
 * then {@link MlshipStep#finish} with the CLI's report. Every failure is an {@link hudson.AbortException} headed by
 * the step's name that says what failed and how to fix it; a stack trace would only bury it.
 */
final class MlshipStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final transient MlshipStep step;

    MlshipStepExecution(StepContext context, MlshipStep step) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        StepEnvironment env = StepEnvironment.of(getContext());
        AgentCliRun agent = new AgentCliRun(step.functionName(), env);
        String folder = agent.runFolder(step.command());
        // On the controller: the secrets go from the credentials store into the CLI's process environment only.
        StepCredentials credentials = agent.credentials(step.credentialsIds(), new RunCredentials(env.run()));
        CliCall call = agent.call(cli -> step.cliCall(cli, env.environment(), folder), step.isUseAgentEnvironment(),
                step.maskedVariables(), credentials);
        Report report = agent.requireReport(agent.run(call), call);
        return step.finish(env, report);
    }
}
