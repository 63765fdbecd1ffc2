package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CredentialUse;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.StageVerdict;
import io.mlship.plugin.stage.UnstableOn;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every mlship step shares: it runs the bundled {@code mlship} CLI on the node of its workspace through
 * {@link MlshipStepExecution} (off the CPS thread, in its {@link StepEnvironment}), it talks to the Docker daemon
 * the pipeline names, and it may opt into the agent's own environment. A step only says which command line it
 * runs ({@link #cliCall}, from {@link CliCalls}), what it attaches to the build ({@link #attach}) and what the CLI's
 * report means for its stage ({@link #verdict}); the execution labels the stage, links the reports, and fails the step
 * or, for a failure named in {@code unstableOn}, marks the stage and the run UNSTABLE. Pipeline binds the setters of a
 * superclass as well.
 */
public abstract class MlshipStep extends Step {

    private final String functionName;
    private final String command;
    private String dockerHost;
    private boolean useAgentEnvironment;
    private String unstableOn;

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

    public String getUnstableOn() {
        return unstableOn;
    }

    /**
     * Failures (comma-separated names, e.g. {@code 'OOM'}) that mark the stage and the run UNSTABLE, with the failure
     * as the stage's warning, instead of failing the step. Only the failures a step lists in {@link #unstableAllowed}
     * are accepted; any other name is an error, so a typo never softens a failure.
     */
    @DataBoundSetter
    public void setUnstableOn(String unstableOn) {
        String parsed = UnstableOn.parse(functionName, unstableOn, unstableAllowed()).toString();
        this.unstableOn = parsed.isEmpty() ? null : parsed;
    }

    /** The failures this step may mark unstable instead of failing; none by default. */
    Set<String> unstableAllowed() {
        return Set.of();
    }

    UnstableOn unstableOnFailures() {
        return UnstableOn.parse(functionName, unstableOn, unstableAllowed());
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

    /** Attaches the step's action to the build (whatever the verdict) and returns the step's value. */
    abstract String attach(StepEnvironment env, Report report);

    /** What the CLI's report means for the step's stage: its label and, unless it reached its goal, its failure. */
    abstract StageVerdict verdict(Report report);

    /** The reports the step log links to, relative to the workspace; by default the report the step read. */
    List<String> linkedReports(CliCall call) {
        return List.of(call.report());
    }
}
