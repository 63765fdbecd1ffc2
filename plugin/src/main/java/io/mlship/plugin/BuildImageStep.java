package io.mlship.plugin;

import hudson.Extension;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlBuildImage image: 'team/model:1.0', context: 'model', push: '127.0.0.1:5000/team/model:1.0'}:
 * pre-flight checks, provenance labels, then builds a model image on the Docker daemon of the build's
 * named by {@code dockerHost} or {@code MLSHIP_DOCKER_HOST}, streaming the complete output to the step log and to a file kept with the
 * build, and optionally pushes it. Returns the image id.
 */
public final class BuildImageStep extends LogCapturingStep {

    private final String image;
    private String context = ".";
    private String dockerfile;
    private String dockerHost;
    private String target;
    private String push;
    private boolean failOnUnpinned;

    @DataBoundConstructor
    public BuildImageStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getContext() {
        return context;
    }

    /** Build context, relative to the workspace (default: the workspace itself). */
    @DataBoundSetter
    public void setContext(String context) {
        this.context = context == null || context.isBlank() ? "." : context;
    }

    public String getDockerfile() {
        return dockerfile;
    }

    /** Dockerfile, relative to the context (default: Dockerfile). */
    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = dockerfile == null || dockerfile.isBlank() ? null : dockerfile;
    }

    public String getDockerHost() {
        return dockerHost;
    }

    /** Docker daemon to use instead of $MLSHIP_DOCKER_HOST of the pipeline. */
    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = dockerHost == null || dockerHost.isBlank() ? null : dockerHost;
    }

    public String getTarget() {
        return target;
    }

    /** Stage of a multi-stage Dockerfile to build. */
    @DataBoundSetter
    public void setTarget(String target) {
        this.target = target == null || target.isBlank() ? null : target;
    }

    public String getPush() {
        return push;
    }

    /** Registry reference to push to; credentials come from $MLSHIP_REGISTRY_USER / $MLSHIP_REGISTRY_PASSWORD. */
    @DataBoundSetter
    public void setPush(String push) {
        this.push = push == null || push.isBlank() ? null : push;
    }

    public boolean isFailOnUnpinned() {
        return failOnUnpinned;
    }

    /** Fail the pre-flight on unpinned requirements instead of only flagging them. */
    @DataBoundSetter
    public void setFailOnUnpinned(boolean failOnUnpinned) {
        this.failOnUnpinned = failOnUnpinned;
    }

    @Override
    public StepExecution start(StepContext stepContext) {
        return new BuildImageStepExecution(this, stepContext);
    }

    @Extension
    @Symbol("mlBuildImage")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlBuildImage";
        }

        @Override
        public String getDisplayName() {
            return "Build a model image (mlship)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED_CONTEXT;
        }
    }
}
