package io.mlship.plugin;

import io.mlship.core.scan.ReportFormat;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shows a scan's gate verdict, vulnerabilities by severity, secrets and where the reports are on the build page. */
public final class ScanImageAction extends SummaryAction {

    private final String image;
    private final boolean passed;
    private final String failOn;
    private final String summary;
    private final List<String> failing;
    private final List<String> secrets;
    private final String jsonReport;
    private final String sarifReport;
    private final String htmlReport;

    ScanImageAction(String image, boolean passed, String failOn, String summary, List<String> failing, List<String> secrets,
                    String jsonReport, String sarifReport, String htmlReport) {
        this.image = image;
        this.passed = passed;
        this.failOn = failOn;
        this.summary = summary;
        this.failing = List.copyOf(failing);
        this.secrets = List.copyOf(secrets);
        this.jsonReport = jsonReport;
        this.sarifReport = sarifReport;
        this.htmlReport = htmlReport;
    }

    static ScanImageAction of(ScanResult r) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        r.vulnerabilities().forEach(v -> bySeverity.merge(v.severity(), 1L, Long::sum));
        String summary = r.packages().size() + " packages, " + r.vulnerabilities().size() + " vulnerabilities"
                + (bySeverity.isEmpty() ? "" : " (" + bySeverity.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")) + ")")
                + ", " + r.secrets().size() + " secrets, " + r.hygiene().size() + " hygiene notes";
        return new ScanImageAction(r.image(), r.passed(), r.gate().threshold(), summary, r.gate().failing(),
                r.secrets().stream().map(s -> s.description() + " at " + s.path() + ":" + s.line() + " (layer " + s.layer() + ")")
                        .toList(),
                path(r, ReportFormat.JSON), path(r, ReportFormat.SARIF), path(r, ReportFormat.HTML));
    }

    private static String path(ScanResult r, ReportFormat format) {
        return r.reports().containsKey(format) ? r.reports().get(format).toString() : null;
    }

    public String getImage() {
        return image;
    }

    public boolean isPassed() {
        return passed;
    }

    public String getFailOn() {
        return failOn;
    }

    public String getSummary() {
        return summary;
    }

    public List<String> getFailing() {
        return failing;
    }

    public List<String> getSecrets() {
        return secrets;
    }

    public String getJsonReport() {
        return jsonReport;
    }

    public String getSarifReport() {
        return sarifReport;
    }

    public String getHtmlReport() {
        return htmlReport;
    }

    @Override
    public String getDisplayName() {
        return "Scan of " + image;
    }
}
