package io.mlship.plugin;

import hudson.AbortException;
import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.Report;
import java.util.Map;
import java.util.stream.Collectors;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlScanImage image: 'team/model:1', db: '/data/osv-pypi', failOn: 'high'}: scans the image offline
 * (packages, known vulnerabilities, secrets, hygiene), keeps JSON, SARIF and HTML reports with the build,
 * and fails the build when a finding reaches {@code failOn} and no active allowlist entry accepts it.
 */
public final class ScanImageStep extends MlshipStep {

    static final String FUNCTION = "mlScanImage";

    private final String image;
    private String archive;
    private String db;
    private String failOn;
    private String allowlist;
    private String sizeBudget;

    @DataBoundConstructor
    public ScanImageStep(String image) {
        super(FUNCTION, "scan");
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

    @Override
    CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder) {
        return CliCalls.scan(this, cli, folder);
    }

    /** A failed gate fails the step with the offending findings. */
    @Override
    String finish(StepEnvironment env, Report report) throws AbortException {
        ScanImageAction action = ScanImageAction.from(report);
        env.run().addAction(action);
        env.log().println(FUNCTION + ": " + action.getSummary() + "; reports: " + action.getHtmlReport());
        if (!action.isPassed()) {
            throw new AbortException(FUNCTION + ": " + action.getImage() + " failed the gate (fail on " + action.getFailOn()
                    + "):\n" + action.getFailing().stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        }
        return action.getFailOn() == null ? "SCANNED" : "PASSED";
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Scan a model image for vulnerabilities, secrets and hygiene (mlship)");
        }
    }
}
