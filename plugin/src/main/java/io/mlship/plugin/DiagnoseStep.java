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
 * {@code mlDiagnose name: 'iris', target: 'kubernetes', namespace: 'models', prometheus: 'http://prometheus:9090'}:
 * says why the model was OOM-killed, evicted, SIGKILLed or throttled and which requests and limits to set; writes
 * diagnosis.json into the step's run folder (copied to the build's folder) and returns the verdict. It does not
 * fail the build: it is a diagnosis. Runs {@code mlship diagnose} on the agent like every mlship step.
 */
public final class DiagnoseStep extends MlshipStep {

    static final String FUNCTION = "mlDiagnose";

    private final String name;
    private String target;
    private String namespace;
    private String prometheus;
    private String window;
    private String duration;
    private String server;
    private String kubeContext;
    private String kubeCredentialsId;

    @DataBoundConstructor
    public DiagnoseStep(String name) {
        super(FUNCTION, "diagnose");
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = StepEnvironment.blankToNull(target);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = StepEnvironment.blankToNull(namespace);
    }

    public String getPrometheus() {
        return prometheus;
    }

    @DataBoundSetter
    public void setPrometheus(String prometheus) {
        this.prometheus = StepEnvironment.blankToNull(prometheus);
    }

    public String getWindow() {
        return window;
    }

    @DataBoundSetter
    public void setWindow(String window) {
        this.window = StepEnvironment.blankToNull(window);
    }

    public String getDuration() {
        return duration;
    }

    @DataBoundSetter
    public void setDuration(String duration) {
        this.duration = StepEnvironment.blankToNull(duration);
    }

    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(String server) {
        this.server = StepEnvironment.blankToNull(server);
    }

    public String getKubeContext() {
        return kubeContext;
    }

    @DataBoundSetter
    public void setKubeContext(String kubeContext) {
        this.kubeContext = StepEnvironment.blankToNull(kubeContext);
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
    public void setKubeCredentialsId(String kubeCredentialsId) {
        this.kubeCredentialsId = StepEnvironment.blankToNull(kubeCredentialsId);
    }

    @Override
    Map<CredentialUse, String> credentialsIds() {
        return kubeCredentialsId == null ? Map.of() : Map.of(CredentialUse.KUBE, kubeCredentialsId);
    }

    @Override
    CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder) {
        return CliCalls.diagnose(this, cli, folder);
    }

    /** A diagnosis attaches nothing; its verdict is the step's value (the recommendation is in the report). */
    @Override
    String attach(StepEnvironment env, Report report) {
        return report.string("verdict");
    }

    /** A diagnosis never fails the build. */
    @Override
    StageVerdict verdict(Report report) {
        return ReportVerdicts.diagnose(report);
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Diagnose OOM kills, evictions and throttling; recommend requests and limits (mlship)");
        }
    }
}
