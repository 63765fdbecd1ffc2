package io.mlship.plugin;

import io.mlship.plugin.cli.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shows a scan's gate verdict, vulnerabilities by severity, secrets and where the reports are on the build page.
 * Saved in build.xml: lists are plain ArrayLists (see {@link BuildImageAction}).
 */
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
        this.failing = new ArrayList<>(failing);
        this.secrets = new ArrayList<>(secrets);
        this.jsonReport = jsonReport;
        this.sarifReport = sarifReport;
        this.htmlReport = htmlReport;
    }

    /** From the CLI's scan-report.json; the SARIF and HTML reports lie beside it. */
    static ScanImageAction from(Report r) {
        Map<String, Object> bySeverity = new LinkedHashMap<>();
        r.object("summary.vulnerabilitiesBySeverity").forEach((level, count) -> {
            if (!(count instanceof Number n) || n.longValue() > 0) {
                bySeverity.put(level, count);
            }
        });
        String summary = r.object("summary.packagesByEcosystem").values().stream().mapToLong(v -> ((Number) v).longValue()).sum()
                + " packages, " + r.list("vulnerabilities").size() + " vulnerabilities"
                + (bySeverity.isEmpty() ? "" : " (" + bySeverity.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")")
                + ", " + r.list("secrets").size() + " secrets, " + r.list("hygiene").size() + " hygiene notes";
        String json = r.file();
        String base = json.endsWith(".json") ? json.substring(0, json.length() - ".json".length()) : json;
        return new ScanImageAction(r.string("image"), "passed".equals(r.string("status")), r.string("gate.failOn"), summary,
                r.list("gate.failing").stream().map(String::valueOf).toList(),
                r.objects("secrets").stream().map(s -> s.get("description") + " at " + s.get("path") + ":" + s.get("line")
                        + " (layer " + s.get("layer") + ")").toList(),
                json, base + ".sarif", base + ".html");
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
