package io.mlship.core.scan.report;

import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.VulnerabilityFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, the format Warnings NG and code-scanning tools import: one rule per advisory (and per secret
 * rule, per hygiene kind), one result per finding, located at the file in the image ({@code layer N}
 * in the message and properties, since SARIF has no notion of image layers).
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    public static Map<String, Object> of(ScanResult r) {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        for (VulnerabilityFinding v : r.vulnerabilities()) {
            rules.computeIfAbsent(v.id(), id -> rule(id, v.summary().isEmpty() ? id : v.summary(),
                    "https://osv.dev/vulnerability/" + id, v.severity()));
            String text = v.pkg().name() + " " + v.pkg().version() + (v.possibly() ? " (version unknown, possibly affected)" : "")
                    + " is affected by " + v.id() + (v.aliases().isEmpty() ? "" : " " + v.aliases())
                    + (v.fixedVersion() == null ? "" : "; fixed in " + v.fixedVersion()) + " (layer " + v.pkg().layer() + ")";
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("package", v.pkg().name());
            properties.put("version", v.pkg().version());
            properties.put("fixedVersion", v.fixedVersion());
            properties.put("severity", v.severity().label());
            properties.put("layer", v.pkg().layer());
            results.add(result(v.id(), level(v.severity()), text, v.pkg().path(), 0, properties));
        }
        for (SecretFinding s : r.secrets()) {
            String ruleId = "secret/" + s.rule();
            rules.computeIfAbsent(ruleId, id -> rule(id, s.description() + " in the image", null, Severity.HIGH));
            results.add(result(ruleId, "error", s.description() + " in layer " + s.layer()
                    + (s.removedLater() ? " (deleted by a later layer, still in this layer's blob)" : ""), s.path(), s.line(),
                    Map.of("layer", s.layer())));
        }
        r.hygiene().forEach(h -> {
            String ruleId = "hygiene/" + h.kind();
            rules.computeIfAbsent(ruleId, id -> rule(id, h.kind(), null, Severity.LOW));
            results.add(result(ruleId, "note", h.message(), null, 0, Map.of()));
        });
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "mlship-scan");
        driver.put("informationUri", "https://github.com/mlship/mlship");
        driver.put("rules", new ArrayList<>(rules.values()));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        run.put("properties", Map.of("image", r.image(), "database", r.database()));
        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("$schema", SCHEMA);
        sarif.put("version", "2.1.0");
        sarif.put("runs", List.of(run));
        return sarif;
    }

    private static Map<String, Object> rule(String id, String description, String helpUri, Severity severity) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", id);
        rule.put("shortDescription", Map.of("text", description));
        if (helpUri != null) {
            rule.put("helpUri", helpUri);
        }
        rule.put("defaultConfiguration", Map.of("level", level(severity)));
        rule.put("properties", Map.of("security-severity", securitySeverity(severity), "tags", List.of("security")));
        return rule;
    }

    private static Map<String, Object> result(String ruleId, String level, String text, String path, int line,
                                              Map<String, Object> properties) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", ruleId);
        result.put("level", level);
        result.put("message", Map.of("text", text));
        if (path != null) {
            Map<String, Object> physical = new LinkedHashMap<>();
            // URIs relative to the image root: a path inside an archive keeps its "!/" separator.
            physical.put("artifactLocation", Map.of("uri", path.startsWith("/") ? path.substring(1) : path));
            if (line > 0) {
                physical.put("region", Map.of("startLine", line));
            }
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
        } else {
            result.put("locations", List.of());
        }
        result.put("properties", properties);
        return result;
    }

    private static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM, UNKNOWN -> "warning";
            case LOW -> "note";
        };
    }

    /** GitHub code scanning's numeric severity (critical ≥ 9, high ≥ 7, medium ≥ 4). */
    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM, UNKNOWN -> "5.5";
            case LOW -> "2.0";
        };
    }
}
