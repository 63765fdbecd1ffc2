package io.mlship.plugin;

import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.ReportVerdicts;
import io.mlship.plugin.stage.StageVerdict;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlVerifyImage image: 'team/model:1', memory: '2Gi', samples: 'samples.json'}: runs the image
 * on the build's Docker daemon under the production limits, waits for readiness, sends the samples,
 * and fails the build with an OOM verdict and the limit to set when memory does not fit, or, with
 * {@code unstableOn: 'OOM'}, marks the stage and the build UNSTABLE with that verdict instead. Any other problem
 * (not ready, a wrong answer) always fails.
 */
public final class VerifyImageStep extends LogCapturingStep {

    static final String FUNCTION = "mlVerifyImage";

    private final String image;
    private final String memory;
    private double cpus = 1.0;
    private String samples;
    private String model;
    private Integer port;
    private String readyPath;
    private int readyTimeoutSeconds = 60;
    private double headroom = 0.85;

    @DataBoundConstructor
    public VerifyImageStep(String image, String memory) {
        super(FUNCTION, "verify");
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

    @Override
    CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder) {
        return CliCalls.verify(this, cli, folder);
    }

    /** The value: PASSED, or the failure's name (OOM, FAILED). */
    @Override
    String attach(StepEnvironment env, Report report) {
        env.run().addAction(VerifyImageAction.from(report));
        StageVerdict verdict = verdict(report);
        return verdict.isPassed() ? "PASSED" : verdict.failure();
    }

    /** A failed verification fails the step with its verdict (an OOM verdict in unstableOn only warns). */
    @Override
    StageVerdict verdict(Report report) {
        return ReportVerdicts.verify(report);
    }

    @Override
    Set<String> unstableAllowed() {
        return ReportVerdicts.VERIFY_SOFT;
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Verify a model image under production limits (mlship)");
        }
    }
}
