package io.mlship.plugin;

import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code mlDeploy} and {@code mlRollback} take alike: which object, how to reach its target, and
 * how its logs are captured. Stapler and Pipeline bind the setters of a superclass as well.
 */
public abstract class DeployTargetStep extends Step {

    private final DeployTargetFields target = new DeployTargetFields();
    private boolean useAgentEnvironment;

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

    public String getTarget() {
        return target.target;
    }

    @DataBoundSetter
    public void setTarget(String value) {
        target.target = StepEnvironment.blankToNull(value);
    }

    public String getNamespace() {
        return target.namespace;
    }

    @DataBoundSetter
    public void setNamespace(String value) {
        target.namespace = StepEnvironment.blankToNull(value);
    }

    public String getName() {
        return target.name;
    }

    @DataBoundSetter
    public void setName(String value) {
        target.name = StepEnvironment.blankToNull(value);
    }

    public String getServer() {
        return target.server;
    }

    @DataBoundSetter
    public void setServer(String value) {
        target.server = StepEnvironment.blankToNull(value);
    }

    public String getKubeContext() {
        return target.kubeContext;
    }

    @DataBoundSetter
    public void setKubeContext(String value) {
        target.kubeContext = StepEnvironment.blankToNull(value);
    }

    public String getDockerHost() {
        return target.dockerHost;
    }

    @DataBoundSetter
    public void setDockerHost(String value) {
        target.dockerHost = StepEnvironment.blankToNull(value);
    }

    public Integer getLockTimeoutSeconds() {
        return target.lockTimeoutSeconds;
    }

    @DataBoundSetter
    public void setLockTimeoutSeconds(Integer value) {
        target.lockTimeoutSeconds = value;
    }

    public List<String> getNoise() {
        return target.noise;
    }

    /** Regexes of log lines to store but not show in the step log (added to the built-in probe and keep-alive rules). */
    @DataBoundSetter
    public void setNoise(List<String> noise) {
        target.noise = noise == null ? List.of() : List.copyOf(noise);
    }

    public List<String> getMaskVariables() {
        return target.maskVariables;
    }

    /** Environment variables (bound by withCredentials) whose values are masked in every stored log and report. */
    @DataBoundSetter
    public void setMaskVariables(List<String> maskVariables) {
        target.maskVariables = maskVariables == null ? List.of() : List.copyOf(maskVariables);
    }

    DeployTargetFields targetFields() {
        return target;
    }
}
