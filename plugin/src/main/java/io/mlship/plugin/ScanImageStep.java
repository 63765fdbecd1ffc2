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
 * {@code mlScanImage image: 'team/model:1', db: '/data/osv-pypi', failOn: 'high'}: scans the image offline
 * (packages, known vulnerabilities, secrets, hygiene), keeps JSON, SARIF and HTML reports with the build,
 * and fails the build when a finding reaches {@code failOn} and no active allowlist entry accepts it.
 */
public final class ScanImageStep extends Step {

    private final String image;
    private String archive;
    private String db;
    private String failOn;
    private String allowlist;
    private String sizeBudget;
    private String dockerHost;
    private boolean useAgentEnvironment;

    @DataBoundConstructor
    public ScanImageStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getArchive() {
        return archive;
    }

    /** A docker save / OCI layout tar in the workspace to scan instead of asking the daemon for {@code image}. */
    @DataBoundSetter
    public void setArchive(String archive) {
        this.archive = StepEnvironment.blankToNull(archive);
    }

    public String getDb() {
        return db;
    }

    /** Folder of OSV advisories, absolute or relative to the workspace. */
    @DataBoundSetter
    public void setDb(String db) {
        this.db = StepEnvironment.blankToNull(db);
    }

    public String getFailOn() {
        return failOn;
    }

    /** critical, high or medium; unset: report only. */
    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = StepEnvironment.blankToNull(failOn);
    }

    public String getAllowlist() {
        return allowlist;
    }

    /** Allowlist file (id, reason, expires), relative to the workspace. */
    @DataBoundSetter
    public void setAllowlist(String allowlist) {
        this.allowlist = StepEnvironment.blankToNull(allowlist);
    }

    public String getSizeBudget() {
        return sizeBudget;
    }

    @DataBoundSetter
    public void setSizeBudget(String sizeBudget) {
        this.sizeBudget = StepEnvironment.blankToNull(sizeBudget);
    }

    public String getDockerHost() {
        return dockerHost;
    }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = StepEnvironment.blankToNull(dockerHost);
    }

    public boolean isUseAgentEnvironment() {
        return useAgentEnvironment;
    }

    /**
     * Use the agent's own environment: its DOCKER_HOST, local Docker socket, kubeconfig, service account and home
     * folder. Off by default: the step then reaches only what the pipeline names (see docs/jenkins.md).
     */
    @DataBoundSetter
    public void setUseAgentEnvironment(boolean useAgentEnvironment) {
        this.useAgentEnvironment = useAgentEnvironment;
    }


    @Override
    public StepExecution start(StepContext context) {
        return new ScanImageStepExecution(this, context);
    }

    @Extension
    @Symbol("mlScanImage")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlScanImage";
        }

        @Override
        public String getDisplayName() {
            return "Scan a model image for vulnerabilities, secrets and hygiene (mlship)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED_CONTEXT;
        }
    }
}
