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
 * {@code mlVerifyImage image: 'team/model:1', memory: '2Gi', samples: 'samples.json'}: runs the image
 * on the build's Docker daemon under the production limits, waits for readiness, sends the samples,
 * and fails the build with an OOM verdict and the limit to set when memory does not fit.
 */
public final class VerifyImageStep extends LogCapturingStep {

    private final String image;
    private final String memory;
    private double cpus = 1.0;
    private String samples;
    private String model;
    private Integer port;
    private String readyPath;
    private int readyTimeoutSeconds = 60;
    private double headroom = 0.85;
    private String dockerHost;

    @DataBoundConstructor
    public VerifyImageStep(String image, String memory) {
        this.image = image;
        this.memory = memory;
    }

    public String getImage() {
        return image;
    }

    public String getMemory() {
        return memory;
    }

    public double getCpus() {
        return cpus;
    }

    @DataBoundSetter
    public void setCpus(double cpus) {
        this.cpus = cpus;
    }

    public String getSamples() {
        return samples;
    }

    /** Samples file, relative to the workspace. */
    @DataBoundSetter
    public void setSamples(String samples) {
        this.samples = StepEnvironment.blankToNull(samples);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = StepEnvironment.blankToNull(model);
    }

    public Integer getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(Integer port) {
        this.port = port;
    }

    public String getReadyPath() {
        return readyPath;
    }

    @DataBoundSetter
    public void setReadyPath(String readyPath) {
        this.readyPath = StepEnvironment.blankToNull(readyPath);
    }

    public int getReadyTimeoutSeconds() {
        return readyTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadyTimeoutSeconds(int readyTimeoutSeconds) {
        this.readyTimeoutSeconds = readyTimeoutSeconds;
    }

    public double getHeadroom() {
        return headroom;
    }

    @DataBoundSetter
    public void setHeadroom(double headroom) {
        this.headroom = headroom;
    }

    public String getDockerHost() {
        return dockerHost;
    }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = StepEnvironment.blankToNull(dockerHost);
    }


    @Override
    public StepExecution start(StepContext context) {
        return new VerifyImageStepExecution(this, context);
    }

    @Extension
    @Symbol("mlVerifyImage")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlVerifyImage";
        }

        @Override
        public String getDisplayName() {
            return "Verify a model image under production limits (mlship)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED_CONTEXT;
        }
    }
}
