package io.mlship.plugin;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What every mlship step takes from its Pipeline context: the workspace, the build (its folder keeps
 * the complete logs; results are attached to it), the environment and the step log.
 */
record StepEnvironment(Path workspace, Run<?, ?> run, Map<String, String> environment, PrintStream log) {

    /** What {@link #of} takes from the context: every mlship step descriptor requires exactly this. */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);

    /** A blank step argument means "not given" (Snippet Generator forms send empty strings). */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static StepEnvironment of(StepContext context, String stepName) throws IOException, InterruptedException {
        FilePath workspace = context.get(FilePath.class);
        if (workspace.isRemote()) {
            throw new AbortException(stepName + ": the workspace " + workspace.getRemote() + " is on an agent; "
                    + "this version runs the Docker client on the controller only. Run the step in a `node` "
                    + "block on the built-in node, or run the `mlship` CLI in an `sh` step on the agent.");
        }
        EnvVars env = context.get(EnvVars.class);
        return new StepEnvironment(Path.of(workspace.getRemote()), context.get(Run.class), env,
                context.get(TaskListener.class).getLogger());
    }

    Path buildDirectory() {
        return run.getRootDir().toPath();
    }
}
