package io.mlship.plugin.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Starts one process where the step runs (on Jenkins: {@code Launcher.ProcStarter} on the agent, in the workspace)
 * and waits for it. An interrupt of the waiting thread (the Stop button) ends the process and its children.
 */
public interface ProcessRunner {

    /**
     * @param command     the program and its arguments
     * @param environment variables to set on top of the agent's environment; an empty value removes one
     * @param output      where stdout and stderr go, as they arrive
     * @return the exit code
     */
    int run(List<String> command, Map<String, String> environment, OutputStream output) throws IOException, InterruptedException;
}
