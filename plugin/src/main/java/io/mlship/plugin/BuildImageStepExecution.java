package io.mlship.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlship.core.MlshipException;
import io.mlship.core.image.ImageBuildResult;
import java.nio.file.Path;
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
        StepContext context = getContext();
        FilePath workspace = context.get(FilePath.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars env = context.get(EnvVars.class);
        Run<?, ?> run = context.get(Run.class);
        if (workspace.isRemote()) {
            throw new AbortException("mlBuildImage: the workspace " + workspace.getRemote() + " is on an agent; "
                    + "this version runs the Docker client on the controller only. Run the step in a `node` "
                    + "block on the built-in node, or build with `mlship build` in an `sh` step on the agent.");
        }
        BuildImageInvocation invocation = new BuildImageInvocation(
                Path.of(workspace.getRemote()), run.getRootDir().toPath(), env);
        try {
            ImageBuildResult result = invocation.build(step, listener.getLogger());
            run.addAction(new BuildImageAction(result.image().value(), result.imageId(),
                    result.logFile().toString()));
            return result.imageId();
        } catch (MlshipException e) {
            // The message says what failed and how to fix it; a stack trace would only bury it.
            throw new AbortException(e.getMessage());
        }
    }
}
