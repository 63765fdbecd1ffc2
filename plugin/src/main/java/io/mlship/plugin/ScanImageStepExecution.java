package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.Report;
import java.util.List;
import java.util.stream.Collectors;
import hudson.AbortException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@link ScanImageStep}; a failed gate fails the step with the offending findings. */
final class ScanImageStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final transient ScanImageStep step;

    ScanImageStepExecution(ScanImageStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        StepEnvironment env = StepEnvironment.of(getContext());
        AgentCliRun agent = new AgentCliRun("mlScanImage", env);
        CliCall call = agent.call(cli -> CliCalls.scan(step, cli, agent.runFolder("scan")), step.isUseAgentEnvironment(), List.of());
        Report report = agent.requireReport(agent.run(call), call);
        ScanImageAction action = ScanImageAction.from(report);
        env.run().addAction(action);
        env.log().println("mlScanImage: " + action.getSummary() + "; reports: " + action.getHtmlReport());
        if (!action.isPassed()) {
            throw new AbortException("mlScanImage: " + action.getImage() + " failed the gate (fail on " + action.getFailOn()
                    + "):\n" + action.getFailing().stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        }
        return action.getFailOn() == null ? "SCANNED" : "PASSED";
    }
}
