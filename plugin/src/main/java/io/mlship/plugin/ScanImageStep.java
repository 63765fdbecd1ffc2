package io.mlship.plugin;

import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.ReportVerdicts;
import io.mlship.plugin.stage.StageVerdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlScanImage image: 'team/model:1', db: '/data/osv-pypi', failOn: 'high'}: scans the image offline
 * (packages, known vulnerabilities, secrets, hygiene), keeps JSON, SARIF and HTML reports with the build,
 * and fails the build when a finding reaches {@code failOn} and no active allowlist entry accepts it, or, with
 * {@code unstableOn: 'GATE_FAILED'} (warn mode), marks the stage and the build UNSTABLE instead. An incomplete scan
 * (a layer or file it could not read) always fails.
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

    /** The value: SCANNED (no gate), PASSED, or the failure's name (GATE_FAILED, INCOMPLETE). */
    @Override
    String attach(StepEnvironment env, Report report) {
        ScanImageAction action = ScanImageAction.from(report);
        env.run().addAction(action);
        env.log().println(FUNCTION + ": " + action.getSummary());
        StageVerdict verdict = verdict(report);
        return !verdict.isPassed() ? verdict.failure() : action.getFailOn() == null ? "SCANNED" : "PASSED";
    }

    /** A failed gate fails the step with the offending findings (or, in unstableOn, warns with them). */
    @Override
    StageVerdict verdict(Report report) {
        return ReportVerdicts.scan(report);
    }

    @Override
    Set<String> unstableAllowed() {
        return ReportVerdicts.SCAN_SOFT;
    }

    /** The HTML report first (what a person opens), then SARIF and JSON. */
    @Override
    List<String> linkedReports(CliCall call) {
        String json = call.report();
        String base = json.endsWith(".json") ? json.substring(0, json.length() - ".json".length()) : json;
        return List.of(base + ".html", base + ".sarif", json);
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Scan a model image for vulnerabilities, secrets and hygiene (mlship)");
        }
    }
}
