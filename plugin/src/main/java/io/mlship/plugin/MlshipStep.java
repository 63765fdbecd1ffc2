package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CredentialUse;
import io.mlship.plugin.cli.Report;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every mlship step shares: it runs the bundled {@code mlship} CLI on the node of its workspace through
 * {@link MlshipStepExecution} (off the CPS thread, in its {@link StepEnvironment}), it talks to the Docker daemon
 * the pipeline names, and it may opt into the agent's own environment. A step only says which command line it
 * runs ({@link #cliCall}, from {@link CliCalls}) and what the CLI's report means for the build ({@link #finish}).
 * Pipeline binds the setters of a superclass as well.
 */
public abstract class MlshipStep extends Step {

    private final String functionName;
    private final String command;
    private String dockerHost;
    private boolean useAgentEnvironment;

    /**
     * @param functionName the step's Pipeline function name, e.g. {@code mlDeploy}, which heads its error messages
     * @param command      the {@code mlship} command it runs, which also names its run folder, e.g. {@code deploy}
     */
    protected MlshipStep(String functionName, String command) {
        this.functionName = functionName;
        this.command = command;
    }

    public String getDockerHost() {
        return dockerHost;
    }

    /** Docker daemon to use instead of $MLSHIP_DOCKER_HOST of the pipeline. */
    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = StepEnvironment.blankToNull(dockerHost);
    }

    public boolean isUseAgentEnvironment() {
        return useAgentEnvironment;
    }

    /**
     * Use the agent's own environment: its DOCKER_HOST, local Docker socket, kubeconfig, service account and home
     * folder. Off by default: the step then reaches only what the pipeline names (see docs/jenkins.md).
     */
    @DataBoundSetter
    public void setUseAgentEnvironment(boolean useAgentEnvironment) {
        this.useAgentEnvironment = useAgentEnvironment;
    }

    String functionName() {
        return functionName;
    }

    String command() {
        return command;
    }

    @Override
    public final StepExecution start(StepContext context) {
        return new MlshipStepExecution(context, this);
    }

    /**
     * The Jenkins credentials the step names, by use ({@code registryCredentialsId}, {@code kubeCredentialsId}); a
     * parameter not given is left out. None by default.
     */
    Map<CredentialUse, String> credentialsIds() {
        return Map.of();
    }

    /** Variables (bound by {@code withCredentials}) whose values the CLI masks in what it stores; none by default. */
    List<String> maskedVariables() {
        return List.of();
    }

    /**
     * The command line the step runs on the agent.
     *
     * @param cli      the process environment it runs with
     * @param pipeline the pipeline's variables (job, build number)
     * @param folder   its run folder, relative to the workspace
     */
    abstract CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder);

    /**
     * What the CLI's report means for the build: attaches the step's action, fails the step with
     * {@link AbortException} unless it reached its goal, and returns the step's value.
     */
    abstract String finish(StepEnvironment env, Report report) throws AbortException;
}
