package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship scan` end to end on the real daemon: summary, report files, the gate's exit code and the allowlist. */
class ScanCommandTest {

    static final String IMAGE = "mlship-test-scan/cli:" + UUID.randomUUID().toString().substring(0, 8);
    static final Path DB = Path.of("..", "..", "shared", "data", "osv-pypi").toAbsolutePath().normalize();
    static DockerClient docker;

    @TempDir
    static Path temp;

    @BeforeAll
    static void build() throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        Path context = Files.createDirectories(temp.resolve("context"));
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar)) {
            out.putNextEntry(new ZipEntry("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
            out.write("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("org/apache/logging/log4j/core/lookup/JndiLookup.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        }
        Files.createDirectories(context.resolve("rootfs/opt/app"));
        Files.write(context.resolve("rootfs/opt/app/log4j-core-2.14.1.jar"), jar.toByteArray());
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY rootfs/ /\n");
        new ImageBuilder(docker).build(ImageBuildRequest.of(context, IMAGE, temp.resolve("logs")), LogSink.discarding());
    }

    @AfterAll
    static void remove() throws Exception {
        docker.removeImageCmd(IMAGE).withForce(true).exec();
        docker.close();
    }

    @Test
    void failsTheGateOnLog4ShellAndWritesEveryReportFormat() throws Exception {
        Path output = temp.resolve("reports/scan.json");
        CliRun run = CliRun.of("scan", "--image", IMAGE, "--db", DB.toString(), "--format", "json,sarif", "--format", "html",
                "--output", output.toString(), "--fail-on", "critical");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("packages: 1 {Maven=1}").contains("critical CVE-2021-44228 org.apache.logging.log4j:log4j-core 2.14.1 (fixed in 2.15.0)")
                .contains("runs as root").contains("== scan: FAILED the gate (fail on critical): 2 findings")
                .contains("CVE-2021-45046 (org.apache.logging.log4j:log4j-core 2.14.1 at /opt/app/log4j-core-2.14.1.jar)");
        JsonNode json = new ObjectMapper().readTree(output.toFile());
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("vulnerabilities")).hasSize(4);
        assertThat(new ObjectMapper().readTree(temp.resolve("reports/scan.sarif").toFile()).get("version").asText()).isEqualTo("2.1.0");
        assertThat(Files.readString(temp.resolve("reports/scan.html"))).contains("CVE-2021-44228");
    }

    @Test
    void anActiveAllowlistPassesTheGateAndAnExpiredOneDoesNot() throws Exception {
        String future = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        Path allow = Files.writeString(temp.resolve("allow.yaml"), "allow:\n"
                + "  - {id: CVE-2021-44228, reason: JndiLookup removed at build, expires: " + future + "}\n"
                + "  - {id: GHSA-7rjr-3q55-vv33, reason: same, expires: " + future + "}\n");
        CliRun passing = CliRun.of("scan", "--image", IMAGE, "--fail-on", "critical", "--allowlist", allow.toString(),
                "--output", temp.resolve("allowed.json").toString());
        assertThat(passing.exitCode()).as(passing.out() + passing.err()).isZero();
        assertThat(passing.out()).contains("PASSED the gate").contains("allowed: CVE-2021-45046");

        Path expired = Files.writeString(temp.resolve("expired.yaml"),
                "- {id: CVE-2021-44228, reason: old exception, expires: 2021-12-31}\n");
        CliRun failing = CliRun.of("scan", "--image", IMAGE, "--fail-on", "critical", "--allowlist", expired.toString(),
                "--output", temp.resolve("expired.json").toString());
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).contains("allowlist entry no longer allows: CVE-2021-44228 expired on 2021-12-31");
    }

    @Test
    void scansASavedArchiveWithoutAGate() throws Exception {
        Path archive = temp.resolve("image.tar");
        try (InputStream in = docker.saveImageCmd(IMAGE).exec()) {
            Files.copy(in, archive);
        }
        CliRun run = CliRun.of("scan", "--archive", archive.toString(), "--output", temp.resolve("archive.json").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("vulnerabilities: 4").contains("no gate");
    }

    @Test
    void badUsageIsExplained() {
        CliRun both = CliRun.of("scan", "--image", IMAGE, "--archive", "x.tar");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun level = CliRun.of("scan", "--image", IMAGE, "--fail-on", "low");
        assertThat(level.exitCode()).isEqualTo(1);
        assertThat(level.err()).contains("use critical, high or medium");
        CliRun format = CliRun.of("scan", "--archive", "x.tar", "--format", "xml");
        assertThat(format.err()).contains("report format `xml` is not known");
    }

    @Test
    void anArchiveWhoseManifestNamesLayersItDoesNotHoldFailsClosed() throws Exception {
        Path archive = temp.resolve("evil-" + UUID.randomUUID() + ".tar");
        try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                     new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(archive))) {
            byte[] manifest = "[{\"Config\":\"c.json\",\"Layers\":[\"../../../../etc/hostname\"]}]".getBytes(StandardCharsets.UTF_8);
            org.apache.commons.compress.archivers.tar.TarArchiveEntry entry =
                    new org.apache.commons.compress.archivers.tar.TarArchiveEntry("manifest.json");
            entry.setSize(manifest.length);
            tar.putArchiveEntry(entry);
            tar.write(manifest);
            tar.closeArchiveEntry();
        }
        CliRun run = CliRun.of("scan", "--archive", archive.toString(), "--fail-on", "medium",
                "--output", temp.resolve("evil-report.json").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("PASSED").contains("== scan: FAILED: incomplete")
                .contains("not scanned: layer ../../../../etc/hostname is missing from the archive");
        assertThat(new ObjectMapper().readTree(temp.resolve("evil-report.json").toFile()).path("gate").path("notScanned"))
                .hasSize(1);
    }
}
