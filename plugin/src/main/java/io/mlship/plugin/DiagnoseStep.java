package io.mlship.plugin;

import hudson.Extension;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlDiagnose name: 'iris', target: 'kubernetes', namespace: 'models', prometheus: 'http://prometheus:9090'}:
 * says why the model was OOM-killed, evicted, SIGKILLed or throttled and which requests and limits to set; writes
 * diagnosis.json into the build's folder and returns the verdict. It does not fail the build: it is a diagnosis.
 */
public final class DiagnoseStep extends Step {

    private final String name;
    private String target;
    private String namespace;
    private String prometheus;
    private String window;
    private String duration;
    private String server;
    private String kubeContext;
    private String dockerHost;

    @DataBoundConstructor
    public DiagnoseStep(String name) {
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

    public String getDockerHost() {
        return dockerHost;
    }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = StepEnvironment.blankToNull(dockerHost);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new DiagnoseStepExecution(this, context);
    }

    @Extension
    @Symbol("mlDiagnose")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlDiagnose";
        }

        @Override
        public String getDisplayName() {
            return "Diagnose OOM kills, evictions and throttling; recommend requests and limits (mlship)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED_CONTEXT;
        }
    }
}
