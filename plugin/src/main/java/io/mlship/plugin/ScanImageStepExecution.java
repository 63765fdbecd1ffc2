package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.MlshipException;
import io.mlship.core.scan.ScanResult;
import java.util.stream.Collectors;
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
        StepEnvironment env = StepEnvironment.of(getContext(), "mlScanImage");
        ScanResult result;
        try {
            result = new ScanImageInvocation(env.workspace(), env.buildDirectory(), env.environment()).scan(step, env.log());
        } catch (MlshipException e) {
            throw new AbortException(e.getMessage());
        }
        ScanImageAction action = ScanImageAction.of(result);
        env.run().addAction(action);
        env.log().println("mlScanImage: " + action.getSummary() + "; reports: " + action.getHtmlReport());
        if (result.gate().incomplete()) {
            throw new AbortException("mlScanImage: " + result.image() + " was not scanned whole, so it fails closed:\n"
                    + result.gate().notScanned().stream().map(f -> "  not scanned: " + f).collect(Collectors.joining("\n")));
        }
        if (!result.passed()) {
            throw new AbortException("mlScanImage: " + result.image() + " failed the gate (fail on " + result.gate().threshold()
                    + "):\n" + result.gate().failing().stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        }
        return result.gate().threshold() == null ? "SCANNED" : "PASSED";
    }
}
