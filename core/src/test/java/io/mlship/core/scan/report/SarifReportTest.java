package io.mlship.core.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlship.core.scan.GateVerdict;
import io.mlship.core.scan.HygieneFinding;
import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.LayerSummary;
import io.mlship.core.scan.ReportFormat;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.VulnerabilityFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SARIF 2.1.0 shape Warnings NG and code-scanning importers need, and an HTML page that escapes what it shows. */
class SarifReportTest {

    @TempDir
    Path temp;

    static ScanResult sample() {
        InstalledPackage log4j = new InstalledPackage("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1",
                "/opt/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar", 2);
        InstalledPackage pillow = new InstalledPackage("PyPI", "pillow", "8.0.0", "/site/Pillow-8.0.0.dist-info/METADATA", 1);
        return ScanResult.builder("team/model:1", "test db").layers(List.of(new LayerSummary(0, "a/layer.tar", 3, 100)))
                .packages(List.of(log4j, pillow))
                .vulnerabilities(List.of(new VulnerabilityFinding("CVE-2021-44228", List.of("GHSA-jfh8-c2jp-5v3q"), "Log4Shell <script>",
                                Severity.CRITICAL, 10.0, log4j, "2.15.0", false),
                        new VulnerabilityFinding("PYSEC-2021-36", List.of("CVE-2021-25289"), "Pillow", Severity.UNKNOWN, null,
                                pillow, "8.1.1", false),
                        new VulnerabilityFinding("PYSEC-2021-37", List.of(), "Pillow 2", Severity.HIGH, 7.5, pillow, null, false)))
                .secrets(List.of(new SecretFinding("aws-access-key-id", "AWS access key id", "/app/.env", 2, 1, false)))
                .hygiene(List.of(new HygieneFinding("runs-as-root", "the image runs as root")))
                .gate(new GateVerdict("high", List.of("CVE-2021-44228 (...)"), List.of(), List.of()))
                .sizes(100, 2048).durationMillis(5).build();
    }

    @Test
    void isSarif210WithRulesResultsLevelsAndLocations() throws Exception {
        Path file = temp.resolve("scan.sarif");
        ScanReports.write(sample(), Map.of(ReportFormat.SARIF, file));
        JsonNode sarif = new ObjectMapper().readTree(file.toFile());

        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        Set<String> ruleIds = new HashSet<>();
        rules.forEach(r -> ruleIds.add(r.get("id").asText()));
        assertThat(ruleIds).contains("CVE-2021-44228", "PYSEC-2021-36", "PYSEC-2021-37", "secret/aws-access-key-id",
                "hygiene/runs-as-root");
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("mlship-scan");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(5);
        for (JsonNode result : results) {
            assertThat(ruleIds).contains(result.get("ruleId").asText());
            assertThat(result.get("level").asText()).isIn("error", "warning", "note");
            assertThat(result.get("message").get("text").asText()).isNotBlank();
            assertThat(result.get("locations").isArray()).isTrue();
        }
        JsonNode log4shell = results.get(0);
        assertThat(log4shell.get("level").asText()).isEqualTo("error");
        assertThat(log4shell.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("opt/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar");
        assertThat(results.get(1).get("level").asText()).as("unknown severity").isEqualTo("warning");
        JsonNode secret = results.get(3);
        assertThat(secret.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(2);
    }

    @Test
    void htmlIsOnePageWithoutExternalResourcesAndEscapesText() throws Exception {
        Path file = temp.resolve("scan.html");
        ScanReports.write(sample(), Map.of(ReportFormat.HTML, file));
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("CVE-2021-44228").contains("Log4Shell &lt;script&gt;")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("src=").contains("failed");
    }
}
