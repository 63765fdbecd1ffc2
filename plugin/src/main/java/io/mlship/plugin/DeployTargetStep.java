package io.mlship.plugin;

import io.mlship.plugin.cli.CredentialUse;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.ReportVerdicts;
import io.mlship.plugin.stage.StageVerdict;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code mlDeploy} and {@code mlRollback} take alike: the project, which object, how to reach its
 * target, and how its logs are captured. Stapler and Pipeline bind the setters of a superclass as well.
 * {@link CliCalls} turns the fields into the options of {@code mlship deploy}/{@code rollback}, as they are; the
 * CLI assembles the request. The cluster token is never a field: it comes from the credential {@code kubeCredentialsId}
 * names, or from $MLSHIP_KUBE_TOKEN bound by {@code withCredentials}, so only an id lands in the build's XML.
 */
public abstract class DeployTargetStep extends LogCapturingStep {

    private final String project;
    private String target;
    private String namespace;
    private String name;
    private String server;
    private String kubeContext;
    private Integer lockTimeoutSeconds;
    private String kubeCredentialsId;

    protected DeployTargetStep(String functionName, String command, String project) {
        super(functionName, command);
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

    /** API server URL; the token comes from {@code kubeCredentialsId} or {@code MLSHIP_KUBE_TOKEN}, bound by {@code withCredentials}. */
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

    public String getKubeCredentialsId() {
        return kubeCredentialsId;
    }

    /**
     * Id of a Jenkins credential for the cluster: Secret text (a bearer token, as $MLSHIP_KUBE_TOKEN; give {@code server}
     * too) or Secret file (a kubeconfig, as $MLSHIP_KUBECONFIG). Resolved on the controller when the step runs; the
     * build's XML holds only the id. Replaces what the pipeline bound to those variables.
     */
    @DataBoundSetter
    public void setKubeCredentialsId(String value) {
        kubeCredentialsId = StepEnvironment.blankToNull(value);
    }

    @Override
    Map<CredentialUse, String> credentialsIds() {
        return kubeCredentialsId == null ? Map.of() : Map.of(CredentialUse.KUBE, kubeCredentialsId);
    }

    public Integer getLockTimeoutSeconds() {
        return lockTimeoutSeconds;
    }

    @DataBoundSetter
    public void setLockTimeoutSeconds(Integer value) {
        lockTimeoutSeconds = value;
    }

    /** Whether the report says the deploy or rollback reached its goal. */
    abstract boolean reachedGoal(Report report);

    /** Attaches the outcome to the build; the outcome's name is the step's value. */
    @Override
    String attach(StepEnvironment env, Report report) {
        env.run().addAction(DeployAction.from(report));
        return report.string("outcome");
    }

    /** A deploy or rollback that did not reach its goal fails the step with what failed and what the rollback did. */
    @Override
    StageVerdict verdict(Report report) {
        return ReportVerdicts.deploy(command(), report, reachedGoal(report), DeployAction.failureMessage(functionName(), report));
    }
}
