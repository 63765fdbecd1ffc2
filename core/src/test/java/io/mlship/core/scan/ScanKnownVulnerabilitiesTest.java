package io.mlship.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.scan.analyzer.JavaArchiveAnalyzer;
import io.mlship.core.scan.service.ScanService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "must show": an image with tensorflow 2.4.0, Pillow 8.0.0, log4j-core 2.14.1 and a fat jar
 * nesting it gets every matching advisory of the real PyPI database and Log4Shell at both paths; the same
 * image with fixed versions gets none. Images are built on the real daemon and read through the Docker API
 * and as a {@code docker save} archive.
 */
class ScanKnownVulnerabilitiesTest {

    static final String VULNERABLE = ScanFixtures.testTag("vulnerable");
    static final String FIXED = ScanFixtures.testTag("fixed");
    static final String SITE = "usr/lib/python3/site-packages";
    static final List<String> LOG4SHELL = List.of("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2021-44832");
    static DockerClient docker;
    static ScanResult vulnerable;
    static ScanResult fixed;

    @TempDir
    static Path temp;

    @BeforeAll
    static void buildAndScan() throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        ScanFixtures.build(docker, context("vulnerable", "2.4.0", "8.0.0", "2.14.1"), VULNERABLE, temp.resolve("logs1"));
        ScanFixtures.build(docker, context("fixed", "2.16.1", "11.0.0", "2.17.1"), FIXED, temp.resolve("logs2"));
        Map<ReportFormat, Path> reports = Map.of(ReportFormat.JSON, temp.resolve("vulnerable.json"));
        vulnerable = ScanService.run(DockerEndpoint.fromEnvironment(),
                ScanRequest.forImage(VULNERABLE).database(ScanFixtures.osvPypi()).reports(reports).build(), LogSink.discarding());
        fixed = ScanService.run(DockerEndpoint.fromEnvironment(), ScanRequest.forImage(FIXED).database(ScanFixtures.osvPypi()).build(),
                LogSink.discarding());
    }

    private static Path context(String name, String tensorflow, String pillow, String log4j) throws IOException {
        Path context = Files.createDirectories(temp.resolve(name));
        Path root = context.resolve("rootfs");
        ScanFixtures.pythonDistribution(root, SITE, "tensorflow", tensorflow);
        ScanFixtures.pythonDistribution(root, SITE, "Pillow", pillow);
        Path lib = Files.createDirectories(root.resolve("opt/app/lib"));
        byte[] log4jJar = ScanFixtures.log4jCoreJar(log4j);
        Files.write(lib.resolve("log4j-core-" + log4j + ".jar"), log4jJar);
        Files.write(root.resolve("opt/app/app.jar"), ScanFixtures.fatJar("log4j-core-" + log4j + ".jar", log4jJar));
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY rootfs/ /\n");
        return context;
    }

    @AfterAll
    static void remove() throws IOException {
        ScanFixtures.removeQuietly(docker, VULNERABLE);
        ScanFixtures.removeQuietly(docker, FIXED);
        docker.close();
    }

    /**
     * The advisories whose explicit {@code versions} list names the version, found by reading the files as
     * plain text — independent of the scanner's YAML reading, version order and range evaluation.
     */
    static Set<String> listedAdvisories(String folder, String version) throws IOException {
        Pattern listed = Pattern.compile("(?m)^\\s*-\\s*['\"]?" + Pattern.quote(version) + "['\"]?\\s*$");
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(ScanFixtures.osvPypi().resolve("vulns").resolve(folder))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                int versions = text.indexOf("\n  versions:");
                if (versions >= 0 && listed.matcher(text.substring(versions)).find()) {
                    ids.add(file.getFileName().toString().replace(".yaml", ""));
                }
            }
        }
        return ids;
    }

    private static Set<String> idsFor(ScanResult result, String pkg) {
        return result.vulnerabilities().stream().filter(v -> v.pkg().name().equals(pkg)).map(VulnerabilityFinding::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void inventoriesThePythonPackagesAndTheJarsIncludingTheNestedOne() {
        assertThat(vulnerable.packages()).extracting(InstalledPackage::ecosystem, InstalledPackage::name,
                InstalledPackage::version, InstalledPackage::path).contains(
                org.assertj.core.groups.Tuple.tuple("PyPI", "tensorflow", "2.4.0", "/" + SITE + "/tensorflow-2.4.0.dist-info/METADATA"),
                org.assertj.core.groups.Tuple.tuple("PyPI", "pillow", "8.0.0", "/" + SITE + "/Pillow-8.0.0.dist-info/METADATA"),
                org.assertj.core.groups.Tuple.tuple("Maven", JavaArchiveAnalyzer.LOG4J_CORE, "2.14.1", "/opt/app/lib/log4j-core-2.14.1.jar"),
                org.assertj.core.groups.Tuple.tuple("Maven", JavaArchiveAnalyzer.LOG4J_CORE, "2.14.1",
                        "/opt/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"),
                org.assertj.core.groups.Tuple.tuple("Maven", "com.acme:app", "1.0.0", "/opt/app/app.jar"));
        assertThat(vulnerable.layers()).hasSize(2);
        assertThat(vulnerable.packages()).allMatch(p -> p.layer() == 1);
    }

    @Test
    void findsEveryAdvisoryTheDatabaseListsForTensorflowAndPillow() throws IOException {
        Set<String> tensorflow = listedAdvisories("tensorflow", "2.4.0");
        Set<String> pillow = listedAdvisories("pillow", "8.0.0");
        assertThat(tensorflow).as("sanity: TensorFlow 2.4.0 has many advisories").hasSizeGreaterThan(100);
        assertThat(pillow).isNotEmpty();

        assertThat(idsFor(vulnerable, "tensorflow")).isEqualTo(tensorflow);
        assertThat(idsFor(vulnerable, "pillow")).isEqualTo(pillow);
        VulnerabilityFinding one = vulnerable.vulnerabilities().stream().filter(v -> v.pkg().name().equals("tensorflow"))
                .filter(v -> v.fixedVersion() != null).findFirst().orElseThrow();
        assertThat(io.mlship.core.scan.version.Pep440Version.SCHEME.compare(one.fixedVersion(), "2.4.0")).isPositive();
    }

    @Test
    void reportsLog4ShellAtTheJarAndInsideTheFatJar() {
        for (String path : List.of("/opt/app/lib/log4j-core-2.14.1.jar", "/opt/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar")) {
            assertThat(vulnerable.vulnerabilities().stream().filter(v -> v.pkg().path().equals(path)).map(VulnerabilityFinding::id))
                    .as(path).containsExactlyInAnyOrderElementsOf(LOG4SHELL);
        }
        VulnerabilityFinding log4shell = vulnerable.vulnerabilities().stream()
                .filter(v -> v.id().equals("CVE-2021-44228")).findFirst().orElseThrow();
        assertThat(log4shell.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(log4shell.fixedVersion()).isEqualTo("2.15.0");
    }

    @Test
    void theSameImageWithFixedVersionsHasNoVulnerability() {
        assertThat(fixed.packages()).extracting(InstalledPackage::version).contains("2.16.1", "11.0.0", "2.17.1");
        assertThat(fixed.vulnerabilities()).isEmpty();
    }

    @Test
    void theJsonReportCarriesTheFieldsOfEachFinding() throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(temp.resolve("vulnerable.json").toFile());
        var first = json.get("vulnerabilities").get(0);
        for (String field : List.of("id", "aliases", "package", "version", "fixedVersion", "severity", "path", "layer")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(json.get("vulnerabilities")).hasSize(vulnerable.vulnerabilities().size());
    }

    @Test
    void aSavedArchiveGivesTheSameFindingsAsTheDockerApi() throws Exception {
        Path archive = ScanFixtures.save(docker, VULNERABLE, temp.resolve("vulnerable.tar"));
        ScanResult fromArchive = ScanService.run(DockerEndpoint.fromEnvironment(),
                ScanRequest.forArchive(archive).database(ScanFixtures.osvPypi()).build(), LogSink.discarding());
        assertThat(fromArchive.vulnerabilities()).containsExactlyInAnyOrderElementsOf(vulnerable.vulnerabilities());
        assertThat(fromArchive.archiveBytes()).isEqualTo(Files.size(archive));
    }

    @Test
    void hygieneNotesRootAndTheMissingHealthcheck() {
        assertThat(vulnerable.hygiene()).extracting(HygieneFinding::kind).contains("runs-as-root", "no-healthcheck")
                .doesNotContain("over-size-budget");
    }
}
