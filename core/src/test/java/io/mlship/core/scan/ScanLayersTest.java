package io.mlship.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.scan.analyzer.JavaArchiveAnalyzer;
import io.mlship.core.scan.service.ScanService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers as Docker writes them: whiteouts and opaque folders from a RUN that deletes, a later COPY that
 * overwrites a jar, secrets (kept even when a later layer deletes them), caches; and reports that never
 * contain a secret's value.
 */
class ScanLayersTest {

    static final String IMAGE = ScanFixtures.testTag("layers");
    static final String SITE = "usr/lib/python3/site-packages";
    static final String AWS_KEY = "AKIAZ7QXW4EXAMPLEKEY";
    static final String DB_PASSWORD = "Tr0ub4dor-and-3";
    static final String PYPI_PASSWORD = "pypi-s3cr3t-upload";
    static final String NPM_TOKEN = "npm_0123456789abcdefghijABCDEFGHIJ012345";
    static final String KEY_BODY = "MIIEowIBAAKCAQEAuVx0fakeFAKEfakeKeyMaterialForTestsOnly0123456789";
    static DockerClient docker;
    static ScanResult result;

    @TempDir
    static Path temp;

    @BeforeAll
    static void buildAndScan() throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        Path context = Files.createDirectories(temp.resolve("context"));
        Path first = context.resolve("first");
        ScanFixtures.pythonDistribution(first, SITE, "tensorflow", "2.4.0");
        ScanFixtures.pythonDistribution(first, SITE, "Pillow", "8.0.0");
        ScanFixtures.pythonDistribution(first, "opt/venv/lib/site-packages", "numpy", "1.19.0");
        Files.createDirectories(first.resolve("opt/app/lib"));
        Files.write(first.resolve("opt/app/lib/logging.jar"), ScanFixtures.log4jCoreJar("2.14.1"));
        write(first.resolve("root/.ssh/id_rsa"), "-----BEGIN RSA PRIVATE KEY-----\n" + KEY_BODY + "\n-----END RSA PRIVATE KEY-----\n");
        write(first.resolve("app/.env"), "# settings\nAWS_ACCESS_KEY_ID=" + AWS_KEY + "\nDB_PASSWORD=" + DB_PASSWORD
                + "\nDB_HOST=db\nEMPTY_TOKEN=\n");
        write(first.resolve("root/.pypirc"), "[pypi]\nusername = __token__\npassword = " + PYPI_PASSWORD + "\n");
        write(first.resolve("root/.npmrc"), "//registry.npmjs.org/:_authToken=" + NPM_TOKEN + "\n");
        write(first.resolve("var/cache/apt/archives/libfoo_1.0_amd64.deb"), "x".repeat(5000));
        Path third = context.resolve("third");
        ScanFixtures.pythonDistribution(third, SITE, "tensorflow", "2.16.1");
        Files.createDirectories(third.resolve("opt/app/lib"));
        Files.write(third.resolve("opt/app/lib/logging.jar"), ScanFixtures.log4jCoreJar("2.17.1"));
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY first/ /\n"
                + "RUN rm -rf /" + SITE + "/Pillow-8.0.0.dist-info /" + SITE + "/tensorflow-2.4.0.dist-info /root/.ssh/id_rsa"
                + " && rm -rf /opt/venv && mkdir -p /opt/venv/lib/site-packages\n"
                + "COPY third/ /\nUSER 1000\nHEALTHCHECK CMD true\n");
        ScanFixtures.build(docker, context, IMAGE, temp.resolve("logs"));
        Map<ReportFormat, Path> reports = Map.of(ReportFormat.JSON, temp.resolve("r/scan.json"),
                ReportFormat.SARIF, temp.resolve("r/scan.sarif"), ReportFormat.HTML, temp.resolve("r/scan.html"));
        result = ScanService.run(DockerEndpoint.fromEnvironment(), ScanRequest.forImage(IMAGE).database(ScanFixtures.osvPypi())
                .reports(reports).sizeBudgetBytes(1024).build(), LogSink.discarding());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @AfterAll
    static void remove() throws IOException {
        ScanFixtures.removeQuietly(docker, IMAGE);
        docker.close();
    }

    @Test
    void packagesDeletedOrReplacedByLaterLayersAreNotReported() {
        assertThat(result.layers()).hasSize(4);
        assertThat(result.packages()).extracting(p -> p.name() + "@" + p.version() + "#" + p.layer())
                .containsExactlyInAnyOrder("tensorflow@2.16.1#3", JavaArchiveAnalyzer.LOG4J_CORE + "@2.17.1#3");
        assertThat(result.vulnerabilities()).isEmpty();
    }

    @Test
    void secretsAreFoundByPathLayerAndLineAndKeptWhenDeletedLater() {
        assertThat(result.secrets()).extracting(s -> s.rule() + " " + s.path() + ":" + s.line() + " layer " + s.layer()
                + (s.removedLater() ? " removed" : "")).containsExactlyInAnyOrder(
                "private-key /root/.ssh/id_rsa:1 layer 1 removed",
                "aws-access-key-id /app/.env:2 layer 1",
                "dotenv-secret /app/.env:3 layer 1",
                "pypirc-password /root/.pypirc:3 layer 1",
                "npmrc-auth /root/.npmrc:1 layer 1");
    }

    @Test
    void noReportEverContainsASecretValue() throws IOException {
        for (String report : List.of("scan.json", "scan.sarif", "scan.html")) {
            String text = Files.readString(temp.resolve("r").resolve(report), StandardCharsets.UTF_8);
            assertThat(text).as(report).contains("root/.pypirc").contains("app/.env")
                    .doesNotContain(AWS_KEY).doesNotContain(DB_PASSWORD).doesNotContain(PYPI_PASSWORD)
                    .doesNotContain(NPM_TOKEN).doesNotContain(KEY_BODY).doesNotContain(NPM_TOKEN.substring(0, 12));
        }
        assertThat(result.toString()).doesNotContain(AWS_KEY).doesNotContain(DB_PASSWORD).doesNotContain(PYPI_PASSWORD);
    }

    @Test
    void hygieneSeesTheCacheTheBudgetAndTheLargestLayer() {
        assertThat(result.hygiene()).extracting(HygieneFinding::kind)
                .contains("package-cache", "over-size-budget", "largest-layer", "largest-file")
                .doesNotContain("runs-as-root", "no-healthcheck");
        assertThat(result.hygiene()).anyMatch(h -> h.message().startsWith("apt package cache") && h.message().contains("1 files"));
        assertThat(result.layers().get(0).bytes()).as("the busybox base").isGreaterThan(1_000_000);
        assertThat(result.layers().get(1).files()).as("regular files of the first COPY: 3 x 2 dist-info files, a jar, 4 secrets, a .deb").isEqualTo(12);
    }
}
