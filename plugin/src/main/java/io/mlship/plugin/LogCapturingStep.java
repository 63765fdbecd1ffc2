package io.mlship.plugin;

import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step whose logs go through mlship's log capture: {@code noise} (regexes of lines to store but not
 * show) and {@code maskVariables} (variables bound by {@code withCredentials} whose values are masked in
 * every stored file), as {@link StepLogOptions} reads them. Pipeline binds the setters of a superclass.
 */
public abstract class LogCapturingStep extends Step {

    private List<String> noise = List.of();
    private List<String> maskVariables = List.of();
    private boolean useAgentEnvironment;

    public List<String> getNoise() {
        return noise;
    }

    /** Regexes of log lines to store but not show in the step log (added to the built-in probe and keep-alive rules). */
    @DataBoundSetter
    public void setNoise(List<String> noise) {
        this.noise = noise == null ? List.of() : List.copyOf(noise);
    }

    public List<String> getMaskVariables() {
        return maskVariables;
    }

    /** Environment variables (bound by withCredentials) whose values are masked in every stored log and report. */
    @DataBoundSetter
    public void setMaskVariables(List<String> maskVariables) {
        this.maskVariables = maskVariables == null ? List.of() : List.copyOf(maskVariables);
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
}
