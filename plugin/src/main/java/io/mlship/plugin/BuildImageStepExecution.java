package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.MlshipException;
import io.mlship.core.image.ModelBuildResult;
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
        StepEnvironment env = StepEnvironment.of(getContext(), "mlBuildImage");
        try {
            ModelBuildResult result = new BuildImageInvocation(env.workspace(), env.buildDirectory(), env.environment())
                    .build(step, env.log());
            env.run().addAction(BuildImageAction.of(result));
            return result.build().imageId();
        } catch (MlshipException e) {
            // The message says what failed and how to fix it; a stack trace would only bury it.
            throw new AbortException(e.getMessage());
        }
    }
}
