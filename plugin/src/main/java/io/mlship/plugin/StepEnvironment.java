package io.mlship.plugin;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What every mlship step takes from its Pipeline context: the workspace (on whichever node holds it; the CLI runs
 * there), the launcher for that node, the build (a bounded copy of the results is kept in its folder and the action
 * attached to it), the environment, the step log, and the step's node in the flow graph (its stage label and warning).
 */
record StepEnvironment(FilePath workspace, Launcher launcher, Run<?, ?> run, EnvVars environment, TaskListener listener, FlowNode node) {

    /** What {@link #of} takes from the context: every mlship step descriptor requires exactly this. */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class,
            FlowNode.class);

    /** A blank step argument means "not given" (Snippet Generator forms send empty strings). */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static StepEnvironment of(StepContext context) throws IOException, InterruptedException {
        return new StepEnvironment(context.get(FilePath.class), context.get(Launcher.class), context.get(Run.class),
                context.get(EnvVars.class), context.get(TaskListener.class), context.get(FlowNode.class));
    }

    PrintStream log() {
        return listener.getLogger();
    }

    Path buildDirectory() {
        return run.getRootDir().toPath();
    }

    /** The node and workspace, for messages. */
    String where() {
        String node = environment.get("NODE_NAME");
        return (node == null || node.isBlank() ? (workspace.isRemote() ? "an agent" : "the built-in node") : "node " + node)
                + " (workspace " + workspace.getRemote() + ")";
    }
}
