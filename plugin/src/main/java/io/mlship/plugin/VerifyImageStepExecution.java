package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.Report;
import hudson.AbortException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@link VerifyImageStep}; a failed verification fails the step with its verdict. */
final class VerifyImageStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final transient VerifyImageStep step;

    VerifyImageStepExecution(VerifyImageStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        StepEnvironment env = StepEnvironment.of(getContext());
        AgentCliRun agent = new AgentCliRun("mlVerifyImage", env);
        CliCall call = agent.call(cli -> CliCalls.verify(step, cli, agent.runFolder("verify")),
                step.isUseAgentEnvironment(), step.getMaskVariables());
        Report report = agent.requireReport(agent.run(call), call);
        env.run().addAction(VerifyImageAction.from(report));
        if (!"passed".equals(report.string("status"))) {
            throw new AbortException("mlVerifyImage: " + step.getImage() + " failed verification:\n  "
                    + String.join("\n  ", VerifyImageAction.problems(report)));
        }
        return "PASSED";
    }
}
