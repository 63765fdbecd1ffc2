package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.scan.ReportFormat;
import io.mlship.core.scan.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlScanImage's translation to a core scan, run on the real Docker daemon: reports with the build, gate verdict. */
class ScanImageInvocationTest {

    static final String IMAGE = "mlship-test-scan/plugin:" + UUID.randomUUID().toString().substring(0, 8);
    static final Path DB = Path.of("..", "..", "shared", "data", "osv-pypi").toAbsolutePath().normalize();
    static DockerClient docker;

    @TempDir
    static Path context;

    @TempDir
    Path temp;

    @BeforeAll
    static void build() throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        Path dist = Files.createDirectories(context.resolve("rootfs/usr/lib/python3/site-packages/Pillow-8.0.0.dist-info"));
        Files.writeString(dist.resolve("METADATA"), "Metadata-Version: 2.1\nName: Pillow\nVersion: 8.0.0\n\n");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar)) {
            out.putNextEntry(new ZipEntry("shaded/org/apache/logging/log4j/core/lookup/JndiLookup.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        }
        Files.createDirectories(context.resolve("rootfs/srv"));
        Files.write(context.resolve("rootfs/srv/service.jar"), jar.toByteArray());
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY rootfs/ /\n");
        new ImageBuilder(docker).build(ImageBuildRequest.of(context, IMAGE, context.resolve("logs")), LogSink.discarding());
    }

    @AfterAll
    static void remove() throws Exception {
        docker.removeImageCmd(IMAGE).withForce(true).exec();
        docker.close();
    }

    private Map<String, String> env() {
        return Map.of("DOCKER_HOST", DockerEndpoint.fromEnvironment().host());
    }

    @Test
    void failsTheGateAndKeepsAllThreeReportsWithTheBuild() throws Exception {
        ScanImageStep step = new ScanImageStep(IMAGE);
        step.setDb(DB.toString());
        step.setFailOn("high");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        ScanResult result = new ScanImageInvocation(temp, temp.resolve("build"), env())
                .scan(step, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(result.passed()).isFalse();
        assertThat(result.gate().failing()).anyMatch(f -> f.startsWith("CVE-2021-44228 (org.apache.logging.log4j:log4j-core unknown at /srv/service.jar)"));
        assertThat(result.vulnerabilities()).filteredOn(v -> v.pkg().name().equals("pillow")).isNotEmpty();
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(result.reports().get(format)).startsWith(temp.resolve("build/mlship")).isRegularFile();
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("scan: reading " + IMAGE);
        ScanImageAction action = ScanImageAction.of(result);
        assertThat(action.isPassed()).isFalse();
        assertThat(action.getFailOn()).isEqualTo("high");
        assertThat(action.getSummary()).contains("2 packages").contains("critical");
        assertThat(action.getHtmlReport()).endsWith("scan-report.html");
    }

    @Test
    void scansAnArchiveFromTheWorkspaceWithoutAGate() throws Exception {
        try (InputStream in = docker.saveImageCmd(IMAGE).exec()) {
            Files.copy(in, temp.resolve("image.tar"));
        }
        ScanImageStep step = new ScanImageStep(IMAGE);
        step.setArchive("image.tar");
        ScanResult result = new ScanImageInvocation(temp, temp.resolve("build"), env())
                .scan(step, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(result.passed()).isTrue();
        assertThat(result.vulnerabilities()).extracting(v -> v.id()).containsExactlyInAnyOrder(
                "CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2021-44832");
        assertThat(result.vulnerabilities()).allMatch(v -> v.possibly());
        assertThat(ScanImageAction.of(result).getFailing()).isEmpty();
    }
}
