package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.cli.StepCredentials;
import io.mlship.plugin.stage.StageVerdict;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs an mlship step off the CPS thread, the same way for every step: its {@link StepEnvironment} from the
 * context, the step's {@link MlshipStep#cliCall command line} run on the workspace's node ({@link AgentCliRun}),
 * then the CLI's report: the step's action attached, the step log's links to the kept reports, the stage's label,
 * and the verdict's consequence (pass, UNSTABLE with a stage warning, or fail; see {@link StageView}). Every failure is an {@link hudson.AbortException} headed by
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
        StageVerdict verdict = step.verdict(report);
        String value = step.attach(env, report);
        StageView stage = new StageView(env);
        stage.linkReports(call.runFolder(), step.linkedReports(call));
        stage.label(verdict);
        StageVerdict.Consequence consequence = verdict.consequence(step.unstableOnFailures());
        if (consequence == StageVerdict.Consequence.FAIL) {
            throw new AbortException(verdict.message());
        }
        if (consequence == StageVerdict.Consequence.UNSTABLE) {
            stage.unstable(step.functionName(), verdict);
        }
        return value;
    }
}
