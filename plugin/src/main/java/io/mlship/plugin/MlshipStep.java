package io.mlship.plugin;

import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every mlship step shares: it runs through {@link MlshipStepExecution} (off the CPS thread, in its
 * {@link StepEnvironment}), and it talks to a Docker daemon, by default the build environment's DOCKER_HOST.
 * A step only says what it does ({@link #perform}). Pipeline binds the setters of a superclass as well.
 */
public abstract class MlshipStep extends Step {

    private final String functionName;
    private String dockerHost;

    /** @param functionName the step's Pipeline function name, e.g. {@code mlDeploy}, which heads its error messages */
    protected MlshipStep(String functionName) {
        this.functionName = functionName;
    }

    public String getDockerHost() {
        return dockerHost;
    }

    /** Docker daemon to use instead of the build environment's DOCKER_HOST. */
    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = StepEnvironment.blankToNull(dockerHost);
    }

    String functionName() {
        return functionName;
    }

    @Override
    public final StepExecution start(StepContext context) {
        return new MlshipStepExecution(context, this);
    }

    /** Does the step's work; returns the step's value, throws {@link hudson.AbortException} to fail it. */
    abstract String perform(StepEnvironment env) throws IOException, InterruptedException;
}
