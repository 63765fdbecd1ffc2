package io.mlship.plugin;

import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.Report;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlDeploy project: 'models/iris', image: 'registry:5000/iris:42'}: deploys the project's
 * {@code deploy:} section to Kubernetes, OpenShift or a Docker host, watches the rollout, fails fast
 * with the pod, container, reason, exit code, limits and last log lines, keeps the evidence with the
 * build and rolls back. The cluster credential comes from {@code kubeCredentialsId} (a Jenkins credentials id), or
 * from {@code MLSHIP_KUBE_TOKEN} / a kubeconfig bound as {@code MLSHIP_KUBECONFIG} by {@code withCredentials};
 * never the agent's own unless {@code useAgentEnvironment: true} (docs/jenkins.md).
 */
public final class DeployStep extends DeployTargetStep {

    static final String FUNCTION = "mlDeploy";

    private String image;
    private boolean rollback = true;
    private Integer progressDeadlineSeconds;
    private Integer readinessWindowSeconds;

    @DataBoundConstructor
    public DeployStep(String project) {
        super(FUNCTION, "deploy", project);
    }

    public String getImage() {
        return image;
    }

    /** Image with tag or digest; default: deploy.image of mlship.yaml. */
    @DataBoundSetter
    public void setImage(String image) {
        this.image = StepEnvironment.blankToNull(image);
    }

    public boolean isRollback() {
        return rollback;
    }

    @DataBoundSetter
    public void setRollback(boolean rollback) {
        this.rollback = rollback;
    }

    public Integer getProgressDeadlineSeconds() {
        return progressDeadlineSeconds;
    }

    @DataBoundSetter
    public void setProgressDeadlineSeconds(Integer progressDeadlineSeconds) {
        this.progressDeadlineSeconds = progressDeadlineSeconds;
    }

    public Integer getReadinessWindowSeconds() {
        return readinessWindowSeconds;
    }

    @DataBoundSetter
    public void setReadinessWindowSeconds(Integer readinessWindowSeconds) {
        this.readinessWindowSeconds = readinessWindowSeconds;
    }

    @Override
    CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder) {
        return CliCalls.deploy(this, cli, pipeline, folder);
    }

    /** A failed rollout fails the step with what failed and what the rollback did. */
    @Override
    boolean reachedGoal(Report report) {
        return report.bool("succeeded");
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Deploy a model with a fail-fast rollout watch and rollback (mlship)");
        }
    }
}
