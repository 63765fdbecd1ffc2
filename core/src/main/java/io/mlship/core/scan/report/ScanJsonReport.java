package io.mlship.core.scan.report;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.VulnerabilityFinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON record of a scan: every finding with id, aliases, package, version, fixedVersion, severity, path, layer. */
public final class ScanJsonReport {

    private ScanJsonReport() {
    }

    public static Map<String, Object> of(ScanResult r) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("image", r.image());
        report.put("database", r.database());
        report.put("status", r.passed() ? "passed" : "failed");
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("failOn", r.gate().threshold());
        gate.put("failing", r.gate().failing());
        gate.put("allowed", r.gate().allowed());
        gate.put("expiredAllowlistEntries", r.gate().expired());
        gate.put("notScanned", r.gate().notScanned());
        report.put("gate", gate);
        report.put("summary", summary(r));
        report.put("vulnerabilities", r.vulnerabilities().stream().map(ScanJsonReport::vulnerability).toList());
        report.put("secrets", r.secrets().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", s.rule());
            m.put("description", s.description());
            m.put("path", s.path());
            m.put("line", s.line());
            m.put("layer", s.layer());
            m.put("removedInLaterLayer", s.removedLater());
            return m;
        }).toList());
        report.put("hygiene", r.hygiene().stream().map(h -> Map.of("kind", h.kind(), "message", h.message())).toList());
        report.put("packages", r.packages().stream().map(ScanJsonReport::pkg).toList());
        report.put("layers", r.layers().stream().map(l -> Map.of("index", l.index(), "blob", l.blob(), "files", l.files(),
                "bytes", l.bytes())).toList());
        report.put("largestFiles", r.largestFiles().stream().map(f -> Map.of("path", f.path(), "layer", f.layer(),
                "bytes", f.bytes())).toList());
        report.put("skipped", r.skipped());
        report.put("imageBytes", r.imageBytes());
        report.put("archiveBytes", r.archiveBytes());
        report.put("durationMillis", r.durationMillis());
        return report;
    }

    static Map<String, Object> summary(ScanResult r) {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Integer> byEcosystem = new TreeMap<>();
        r.packages().forEach(p -> byEcosystem.merge(p.ecosystem(), 1, Integer::sum));
        s.put("packagesByEcosystem", byEcosystem);
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (String level : List.of("critical", "high", "medium", "low", "unknown")) {
            bySeverity.put(level, 0);
        }
        r.vulnerabilities().forEach(v -> bySeverity.merge(v.severity().label(), 1, Integer::sum));
        s.put("vulnerabilitiesBySeverity", bySeverity);
        s.put("secrets", r.secrets().size());
        s.put("hygiene", r.hygiene().size());
        return s;
    }

    private static Map<String, Object> vulnerability(VulnerabilityFinding v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("aliases", v.aliases());
        m.put("package", v.pkg().name());
        m.put("ecosystem", v.pkg().ecosystem());
        m.put("version", v.pkg().version());
        m.put("fixedVersion", v.fixedVersion());
        m.put("severity", v.severity().label());
        m.put("score", v.score());
        m.put("possiblyAffected", v.possibly());
        m.put("path", v.pkg().path());
        m.put("layer", v.pkg().layer());
        m.put("summary", v.summary());
        return m;
    }

    private static Map<String, Object> pkg(InstalledPackage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ecosystem", p.ecosystem());
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("path", p.path());
        m.put("layer", p.layer());
        return m;
    }
}
