package io.mlship.core.scan.report;

import io.mlship.core.scan.LargeFile;
import io.mlship.core.scan.LayerSummary;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.VulnerabilityFinding;
import java.util.Map;

/** A self-contained HTML page (inline CSS, no script, no external resource) of one scan. */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(ScanResult r) {
        StringBuilder h = new StringBuilder(16384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>mlship scan: ")
                .append(esc(r.image())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 6px;"
                        + "text-align:left;font-size:90%}th{background:#eee}.critical{color:#fff;background:#a00}"
                        + ".high{background:#f66}.medium{background:#fc6}.low{background:#ffc}.unknown{background:#ddd}"
                        + ".pass{color:#070}.fail{color:#a00}code{font-size:90%}</style></head><body>\n");
        h.append("<h1>Scan of <code>").append(esc(r.image())).append("</code></h1>\n<p>Gate: ");
        if (r.gate().threshold() == null) {
            h.append("none (report only)");
        } else {
            h.append("fail on ").append(esc(r.gate().threshold())).append(": <b class=\"")
                    .append(r.passed() ? "pass\">passed" : "fail\">failed").append("</b>");
        }
        h.append(". Database: ").append(esc(r.database())).append(".</p>\n");
        Map<String, Object> summary = ScanJsonReport.summary(r);
        h.append("<p>Packages by ecosystem: ").append(esc(String.valueOf(summary.get("packagesByEcosystem"))))
                .append("; vulnerabilities by severity: ").append(esc(String.valueOf(summary.get("vulnerabilitiesBySeverity"))))
                .append("; secrets: ").append(r.secrets().size()).append("</p>\n");
        if (r.gate().incomplete()) {
            h.append("<h2 class=\"fail\">Incomplete: the scan failed because it could not read</h2><ul>");
            r.gate().notScanned().forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
            h.append("</ul>\n");
        }
        if (!r.gate().failing().isEmpty()) {
            h.append("<h2>Failing the gate</h2><ul>");
            r.gate().failing().forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Vulnerabilities (").append(r.vulnerabilities().size()).append(")</h2>\n<table><tr><th>severity</th>"
                + "<th>id</th><th>aliases</th><th>package</th><th>version</th><th>fixed in</th><th>path</th><th>layer</th>"
                + "<th>summary</th></tr>\n");
        for (VulnerabilityFinding v : r.vulnerabilities()) {
            h.append("<tr><td class=\"").append(v.severity().label()).append("\">").append(v.severity().label())
                    .append("</td><td>").append(esc(v.id())).append("</td><td>").append(esc(String.join(", ", v.aliases())))
                    .append("</td><td>").append(esc(v.pkg().name())).append("</td><td>").append(esc(v.pkg().version()))
                    .append(v.possibly() ? " (possibly affected)" : "").append("</td><td>")
                    .append(esc(v.fixedVersion() == null ? "" : v.fixedVersion())).append("</td><td><code>")
                    .append(esc(v.pkg().path())).append("</code></td><td>").append(v.pkg().layer()).append("</td><td>")
                    .append(esc(v.summary())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Secrets (").append(r.secrets().size()).append(")</h2>\n<p>Values are never shown.</p>"
                + "<table><tr><th>kind</th><th>path</th><th>line</th><th>layer</th><th>note</th></tr>\n");
        for (SecretFinding s : r.secrets()) {
            h.append("<tr><td>").append(esc(s.description())).append("</td><td><code>").append(esc(s.path()))
                    .append("</code></td><td>").append(s.line()).append("</td><td>").append(s.layer()).append("</td><td>")
                    .append(s.removedLater() ? "deleted by a later layer, still in this layer" : "").append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Hygiene</h2><ul>");
        r.hygiene().forEach(f -> h.append("<li>").append(esc(f.message())).append("</li>"));
        h.append("</ul>\n<h2>Layers</h2><table><tr><th>#</th><th>blob</th><th>files</th><th>bytes</th></tr>\n");
        for (LayerSummary l : r.layers()) {
            h.append("<tr><td>").append(l.index()).append("</td><td><code>").append(esc(l.blob())).append("</code></td><td>")
                    .append(l.files()).append("</td><td>").append(l.bytes()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Largest files</h2><table><tr><th>path</th><th>layer</th><th>bytes</th></tr>\n");
        for (LargeFile f : r.largestFiles()) {
            h.append("<tr><td><code>").append(esc(f.path())).append("</code></td><td>").append(f.layer()).append("</td><td>")
                    .append(f.bytes()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Packages (").append(r.packages().size()).append(")</h2><table><tr><th>ecosystem</th>"
                + "<th>name</th><th>version</th><th>path</th><th>layer</th></tr>\n");
        r.packages().forEach(p -> h.append("<tr><td>").append(esc(p.ecosystem())).append("</td><td>").append(esc(p.name()))
                .append("</td><td>").append(esc(p.version())).append("</td><td><code>").append(esc(p.path()))
                .append("</code></td><td>").append(p.layer()).append("</td></tr>\n"));
        h.append("</table>\n");
        if (!r.skipped().isEmpty()) {
            h.append("<h2>Not scanned</h2><ul>");
            r.skipped().forEach(s -> h.append("<li>").append(esc(s)).append("</li>"));
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
