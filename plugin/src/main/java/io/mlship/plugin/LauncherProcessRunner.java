package io.mlship.plugin;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import io.mlship.plugin.cli.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@link ProcessRunner} through Jenkins' {@link Launcher}: the process starts on the node of the workspace, in the
 * workspace, stdout and stderr (merged, as Jenkins does when no stderr is given) streamed to {@code output} as they
 * arrive. When the waiting thread is interrupted (the Stop button), the process and its children are killed:
 * Jenkins' {@code Proc.kill} sends SIGTERM to the process tree, and SIGKILL after
 * {@code hudson.util.ProcessTree.softKillWaitSeconds} (5 s by default; give a deploy longer to undo, e.g. 60).
 */
final class LauncherProcessRunner implements ProcessRunner {

    private final Launcher launcher;
    private final FilePath workspace;

    LauncherProcessRunner(Launcher launcher, FilePath workspace) {
        this.launcher = launcher;
        this.workspace = workspace;
    }

    @Override
    public int run(List<String> command, Map<String, String> environment, OutputStream output) throws IOException, InterruptedException {
        Proc proc = launcher.launch().cmds(command).envs(environment).pwd(workspace).stdout(output).quiet(true).start();
        try {
            return proc.join();
        } catch (InterruptedException e) {
            proc.kill();
            throw e;
        }
    }
}
