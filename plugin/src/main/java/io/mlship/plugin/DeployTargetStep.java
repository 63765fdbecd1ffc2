package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.DeployTargetSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code mlDeploy} and {@code mlRollback} take alike: the project, which object, how to reach its
 * target, and how its logs are captured. Stapler and Pipeline bind the setters of a superclass as well.
 * The fields go into core's {@link DeployTargetSettings} as they are; the request is assembled there.
 */
public abstract class DeployTargetStep extends LogCapturingStep {

    private final String project;
    private String target;
    private String namespace;
    private String name;
    private String server;
    private String kubeContext;
    private Integer lockTimeoutSeconds;

    protected DeployTargetStep(String functionName, String project) {
        super(functionName);
        this.project = project == null || project.isBlank() ? "." : project;
    }

    public String getProject() {
        return project;
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String value) {
        target = StepEnvironment.blankToNull(value);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String value) {
        namespace = StepEnvironment.blankToNull(value);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String value) {
        name = StepEnvironment.blankToNull(value);
    }

    public String getServer() {
        return server;
    }

    /** API server URL; the token comes from {@code MLSHIP_KUBE_TOKEN}, bound by {@code withCredentials}. */
    @DataBoundSetter
    public void setServer(String value) {
        server = StepEnvironment.blankToNull(value);
    }

    public String getKubeContext() {
        return kubeContext;
    }

    @DataBoundSetter
    public void setKubeContext(String value) {
        kubeContext = StepEnvironment.blankToNull(value);
    }

    public Integer getLockTimeoutSeconds() {
        return lockTimeoutSeconds;
    }

    @DataBoundSetter
    public void setLockTimeoutSeconds(Integer value) {
        lockTimeoutSeconds = value;
    }

    /** The holder named in the deploy lock: the job and build, so a waiting pipeline says whom it waits for. */
    static String holder(Map<String, String> environment) {
        return "jenkins " + environment.getOrDefault("JOB_NAME", "job") + " #" + environment.getOrDefault("BUILD_NUMBER", "?")
                + Optional.ofNullable(environment.get("JENKINS_URL")).map(u -> " (" + u + ")").orElse("");
    }

    /**
     * Attaches the outcome to the build; a deploy or rollback that did not reach its goal fails the step with
     * what failed and what the rollback did. Returns the outcome's name, the step's value.
     */
    String attach(StepEnvironment env, DeployResult result, boolean reachedGoal) throws AbortException {
        env.run().addAction(DeployAction.of(result));
        if (!reachedGoal) {
            throw new AbortException(DeployAction.failureMessage(functionName(), result));
        }
        return result.outcome().name();
    }

    /** These fields in core's settings; the step adds its own (image, rollout time-outs). */
    DeployTargetSettings settings(Path workspace, Path logDirectory, Map<String, String> environment) {
        String function = functionName();
        return new DeployTargetSettings(workspace.resolve(project), logDirectory).target(target, function + " target")
                .namespace(namespace).name(name).server(server).context(kubeContext).dockerHost(getDockerHost())
                .lockTimeoutSeconds(lockTimeoutSeconds).holder(holder(environment))
                .logs(StepLogOptions.settings(function, getNoise(), getMaskVariables(), environment));
    }
}
