package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.MlshipException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs an mlship step off the CPS thread, the same way for every step: its {@link StepEnvironment} from the
 * context, then {@link MlshipStep#perform}; core's {@link MlshipException} fails the step with its message,
 * headed by the step's name unless it already is (it says what failed and how to fix it; a stack trace would
 * only bury it).
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
        String name = step.functionName();
        StepEnvironment env = StepEnvironment.of(getContext(), name);
        try {
            return step.perform(env);
        } catch (MlshipException e) {
            String message = e.getMessage();
            throw new AbortException(message.startsWith(name + ":") ? message : name + ": " + message);
        }
    }
}
