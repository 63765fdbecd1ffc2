package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.MlshipException;
import io.mlship.core.verify.VerifyResult;
import java.util.stream.Collectors;
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
        StepEnvironment env = StepEnvironment.of(getContext(), "mlVerifyImage");
        VerifyResult result;
        try {
            result = new VerifyImageInvocation(env.workspace(), env.buildDirectory(), env.environment()).verify(step, env.log());
        } catch (MlshipException e) {
            throw new AbortException(e.getMessage());
        }
        env.run().addAction(VerifyImageAction.of(result));
        if (!result.passed()) {
            throw new AbortException("mlVerifyImage: " + step.getImage() + " failed verification:\n"
                    + result.problems().stream().map(p -> "  " + p.kind() + ": " + p.message()).collect(Collectors.joining("\n")));
        }
        return "PASSED";
    }
}
