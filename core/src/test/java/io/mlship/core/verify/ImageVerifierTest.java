package io.mlship.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import io.mlship.core.docker.ProcessOwner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the busybox test model image (src/test/resources/busybox-model) on the real Docker daemon under real memory limits: the kernel
 * OOM-kills it when the limit is too small, and the memory figures come from the cgroup via Docker.
 */
class ImageVerifierTest {

    static final Path EXAMPLE_PROJECT = Path.of("src", "test", "resources", "busybox-model").toAbsolutePath().normalize();
    static final String IMAGE = "mlship-test/iris-verify:" + UUID.randomUUID().toString().substring(0, 8);

    static DockerClient docker;
    static List<SampleCase> samples;

    @TempDir
    Path temp;

    private final List<String> console = new ArrayList<>();

    @BeforeAll
    static void buildExampleImage(@TempDir Path buildLogs) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        new ImageBuilder(docker).build(ImageBuildRequest.of(EXAMPLE_PROJECT, IMAGE, buildLogs), LogSink.discarding());
        samples = SampleFile.read(EXAMPLE_PROJECT.resolve("samples.json"));
    }

    @AfterAll
    static void removeImage() throws Exception {
        docker.removeImageCmd(IMAGE).exec();
        docker.close();
    }

    /** Only this test process's own: other runs on a shared daemon (CI agents, parallel builds) have their own owner label. */
    @AfterEach
    void noVerificationContainerIsLeftBehind() {
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerRun.LABEL, "true",
                        ProcessOwner.LABEL, ProcessOwner.current().label())).exec())
                .as("containers labelled " + ContainerRun.LABEL + " owned by this process").isEmpty();
    }

    private VerifyRequest request(String memory) {
        return VerifyRequest.of(IMAGE, MemorySize.parse(memory), "iris", samples, temp);
    }

    private VerifyResult verify(VerifyRequest request) throws InterruptedException {
        return new ImageVerifier(docker).verify(request, console::add);
    }

    @Test
    void passesWithRoomUnderAGenerousLimit() throws Exception {
        VerifyResult result = verify(request("128m"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.samples()).hasSize(2).allMatch(SampleOutcome::passed);
        // The server holds its 40 MiB model resident: the cgroup's peak shows it.
        assertThat(result.peakMemory().bytes()).isBetween(MemorySize.ofMebibytes(40).bytes(), MemorySize.ofMebibytes(80).bytes());
        assertThat(result.recommendedLimit().orElseThrow().bytes())
                .isGreaterThanOrEqualTo((long) (result.peakMemory().bytes() / VerifyRequest.DEFAULT_HEADROOM));
        assertThat(result.readyAfter()).isPresent();
        // Stored as Docker stamped them: "TIME text".
        List<String> log = Files.readAllLines(result.containerLog()).stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
        assertThat(log).contains("model loaded: 40 MiB resident; ready", "GET /v2/health/ready 200", "POST /v2/models/iris/infer 200");
        assertThat(console).contains("== verify: PASSED");
    }

    @Test
    void oomKillGivesAnOomVerdictWithAMeasuredRecommendation() throws Exception {
        VerifyResult result = verify(request("24m"));

        assertThat(result.passed()).isFalse();
        assertThat(result.oomVerdict()).isTrue();
        VerifyResult.Problem oom = result.problems().get(0);
        assertThat(oom.kind()).isEqualTo(VerifyResult.Kind.OOM_KILLED);
        MemorySize need = result.measuredNeed().orElseThrow();
        assertThat(need.bytes()).isGreaterThan(MemorySize.ofMebibytes(40).bytes());
        assertThat(result.containerLog()).exists();
        assertThat(temp.resolve(ImageVerifier.MEASURING_LOG)).exists();
        // One limit, the diagnosis' rule: the largest of the limit at the kill × 1.25 and the measured peak / 0.85, whole MiB
        long mib = MemorySize.MIB;
        long expectedMib = Math.max((long) Math.ceil(24 * 1.25), ((long) Math.ceil(need.bytes() / 0.85) + mib - 1) / mib);
        MemorySize recommended = result.recommendedLimit().orElseThrow();
        assertThat(recommended).isEqualTo(MemorySize.ofMebibytes(expectedMib));
        assertThat(oom.message()).contains("OOMKilled").contains("24.0 MiB")
                .contains("set the memory limit to at least " + expectedMib + "Mi (resources.limits.memory: " + expectedMib + "Mi)");
        ResourceRecommendation diagnosis = result.diagnosis().orElseThrow();
        assertThat(diagnosis.verdict()).isEqualTo("OOM_KILLED");
        assertThat(diagnosis.limitsMemory()).isEqualTo(expectedMib + "Mi");
        assertThat(diagnosis.rule()).contains("limit at the OOM kill 24Mi × 1.25 = 30Mi").contains("verify's measured peak");
        assertThat(console).contains("   recommendation: set limits.memory: " + expectedMib + "Mi (OOM_KILLED)");
        // no second figure from another rule anywhere in the console or the report
        List<String> advised = console.stream().filter(l -> l.contains("at least") || l.contains("set limits.memory:"))
                .flatMap(l -> java.util.regex.Pattern.compile("\\b\\d+Mi\\b").matcher(l).results().map(m -> m.group())).toList();
        assertThat(advised).isNotEmpty().containsOnly(expectedMib + "Mi");
        Map<String, Object> report = VerifyReport.of(result);
        assertThat(report).containsKey("recommendation");
        assertThat(((Map<?, ?>) report.get("memory")).get("recommendedLimit")).isEqualTo(expectedMib + "Mi");
        assertThat(((Map<?, ?>) report.get("recommendation")).get("limitsMemory")).isEqualTo(expectedMib + "Mi");

        // The recommendation is honest: the image passes under the limit it names.
        VerifyResult again = verify(request("24m").toBuilder().memoryLimit(recommended).logDirectory(temp.resolve("again")).build());
        assertThat(again.problems()).isEmpty();
    }

    @Test
    void peakAboveTheHeadroomIsAnOomRiskVerdict() throws Exception {
        VerifyRequest tight = request("128m").toBuilder().environment(Map.of("MODEL_RESIDENT_MB", "40")).headroom(0.25).build();

        VerifyResult result = verify(tight);

        assertThat(result.problems()).extracting(VerifyResult.Problem::kind).containsExactly(VerifyResult.Kind.MEMORY_HEADROOM);
        // One limit, the diagnosis' verify-peak rule with verify's own headroom: the peak / 0.25, whole MiB (a
        // peak / 0.85 limit would fail this same verify again)
        long mib = MemorySize.MIB;
        String expected = ((long) Math.ceil(result.peakMemory().bytes() / 0.25) + mib - 1) / mib + "Mi";
        assertThat(result.problems().get(0).message()).contains("OOM risk").contains("above the 25% headroom")
                .contains("set the memory limit to at least " + expected + " (resources.limits.memory: " + expected + ")");
        assertThat(result.recommendedLimit().orElseThrow().toKubernetesQuantity()).isEqualTo(expected);
        assertThat(result.diagnosis().orElseThrow().limitsMemory()).isEqualTo(expected);
        assertThat(result.diagnosis().orElseThrow().rule()).contains("verify peak / 0.25").contains(" / 0.25 = " + expected);
        assertThat(result.diagnosis().orElseThrow().verdict()).isEqualTo("MEMORY_HEADROOM");
    }

    @Test
    void neverReadyTimesOutWithTheContainerLogs() throws Exception {
        VerifyRequest slow = request("128m").toBuilder().environment(Map.of("READY_DELAY_SECONDS", "60"))
                .readyTimeout(Duration.ofSeconds(2)).build();

        VerifyResult result = verify(slow);

        assertThat(result.problems()).extracting(VerifyResult.Problem::kind).containsExactly(VerifyResult.Kind.NOT_READY);
        assertThat(result.problems().get(0).message()).contains("not ready after 2 s").contains("HTTP 503")
                .contains("listening on :8080, loading model");
        assertThat(Files.readString(result.containerLog())).contains("GET /v2/health/ready 503");
    }

    @Test
    void failingSampleIsReportedWithWhatCameBack() throws Exception {
        SampleCase wrong = new SampleCase("setosa expected", "POST", null,
                "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[6.7,3.0,5.2,2.3]}]}",
                200, Map.of("class", List.of("setosa")));
        VerifyResult result = verify(VerifyRequest.of(IMAGE, MemorySize.parse("128m"), "iris", List.of(wrong), temp));

        assertThat(result.problems()).extracting(VerifyResult.Problem::kind).containsExactly(VerifyResult.Kind.SAMPLE_FAILED);
        assertThat(result.problems().get(0).message()).contains("output `class` is [\"virginica\"], expected [\"setosa\"]");
    }

    @Test
    void portTheImageDoesNotExposeIsAMismatchError() {
        assertThatThrownBy(() -> verify(request("128m").toBuilder().port(Optional.of(9090)).build()))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("port mismatch")
                .hasMessageContaining("[8080/tcp]");
    }

    @Test
    void containerThatExitsIsReportedWithItsExitCode() throws Exception {
        // The server cannot bind port 99999, so serve.sh ends with nc's failure once the model is loaded.
        VerifyResult result = verify(request("128m").toBuilder().environment(Map.of("PORT", "99999")).build());

        assertThat(result.problems()).extracting(VerifyResult.Problem::kind).containsExactly(VerifyResult.Kind.EXITED);
        assertThat(result.problems().get(0).message()).contains("exited with code 1").contains("the container stopped");
    }

    @Test
    void unknownImageIsNamed() {
        assertThatThrownBy(() -> verify(VerifyRequest.of("mlship-test/absent:1", MemorySize.parse("64m"), "iris", samples, temp)))
                .hasMessageContaining("image mlship-test/absent:1 is not on the Docker daemon");
    }
}
