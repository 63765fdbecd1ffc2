package io.mlship.plugin;

import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CredentialUse;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.ReportVerdicts;
import io.mlship.plugin.stage.StageVerdict;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlBuildImage image: 'team/model:1.0', context: 'model', push: '127.0.0.1:5000/team/model:1.0'}:
 * pre-flight checks, provenance labels, then builds a model image on the Docker daemon named by {@code dockerHost}
 * or {@code MLSHIP_DOCKER_HOST}, streaming the complete output to the step log and to a file in the workspace's run
 * folder (its report and log tail kept with the build), and optionally pushes it. Returns the image id.
 */
public final class BuildImageStep extends LogCapturingStep {

    static final String FUNCTION = "mlBuildImage";

    private final String image;
    private String context = ".";
    private String dockerfile;
    private String target;
    private String push;
    private boolean failOnUnpinned;
    private String registryCredentialsId;

    @DataBoundConstructor
    public BuildImageStep(String image) {
        super(FUNCTION, "build");
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

    /** Registry reference to push to; credentials come from {@code registryCredentialsId} or $MLSHIP_REGISTRY_USER / $MLSHIP_REGISTRY_PASSWORD. */
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

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    /**
     * Id of a Jenkins Username with password credential for the registry {@code push} goes to, passed to the CLI as
     * $MLSHIP_REGISTRY_USER / $MLSHIP_REGISTRY_PASSWORD. Resolved on the controller when the step runs; the build's
     * XML holds only the id. Replaces what the pipeline bound to those variables.
     */
    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = StepEnvironment.blankToNull(registryCredentialsId);
    }

    @Override
    Map<CredentialUse, String> credentialsIds() {
        return registryCredentialsId == null ? Map.of() : Map.of(CredentialUse.REGISTRY, registryCredentialsId);
    }

    @Override
    CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder) {
        return CliCalls.build(this, cli, folder);
    }

    /** Only a successful build is shown on the build page; the image id is the step's value. */
    @Override
    String attach(StepEnvironment env, Report report) {
        if ("success".equals(report.string("status"))) {
            env.run().addAction(BuildImageAction.from(report));
        }
        return report.string("imageId");
    }

    /** A failed build fails the step with the Dockerfile line and the error. */
    @Override
    StageVerdict verdict(Report report) {
        return ReportVerdicts.build(report, BuildImageAction.failureMessage(report));
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Build a model image (mlship)");
        }
    }
}
