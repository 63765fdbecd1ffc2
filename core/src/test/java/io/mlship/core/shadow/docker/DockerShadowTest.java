package io.mlship.core.shadow.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.docker.DockerDeployer;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ShadowPrometheus;
import io.mlship.core.shadow.judge.ShadowOutcome;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.NoDataPolicy;
import io.mlship.core.shadow.spec.OutputRule;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadows on the docker target with the real example model behind the real nginx edge, the comparator container and
 * a real Prometheus: live traffic (the 300 evaluation inputs at about 20 req/s) goes through the edge while the
 * edge mirrors it. The retrained v2 is ABORTED with exactly the recorded agreement and every live answer is v1's;
 * an agreeing candidate is PROMOTED through the deploy path and mlship rollback brings v1 back; no traffic is
 * INCONCLUSIVE; a shadow of a name that is not deployed is a clear error. Nothing of a shadow is left running.
 */
class DockerShadowTest {

    static final Path EXAMPLE = Path.of("..", "examples", "iris-model").toAbsolutePath().normalize();
    static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    static final String V1 = "mlship-test/iris-dshadow:v1-" + TAG;
    static final String V2 = "mlship-test/iris-dshadow:v2-" + TAG;
    static final String V1_1 = "mlship-test/iris-dshadow:v1-1-" + TAG;
    static final ObjectMapper JSON = new ObjectMapper();
    static DockerClient docker;
    static JsonNode rows;

    @TempDir
    Path temp;
    final String name = "mlship-test-shadow-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void buildImages(@TempDir Path logs) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        ImageBuilder builder = new ImageBuilder(docker);
        builder.build(ImageBuildRequest.of(EXAMPLE, V1, logs.resolve("v1")), LogSink.discarding());
        builder.build(ImageBuildRequest.of(EXAMPLE, V2, logs.resolve("v2"))
                .withBuildArgs(Map.of("MODEL", "iris-v2", "MODEL_VERSION", "2.0.0")), LogSink.discarding());
        // the same model under another version: a candidate that agrees
        builder.build(ImageBuildRequest.of(EXAMPLE, V1_1, logs.resolve("v1-1")).withBuildArgs(Map.of("MODEL_VERSION", "1.0.1")),
                LogSink.discarding());
        rows = JSON.readTree(EXAMPLE.resolve("eval/inputs.json").toFile()).get("rows");
    }

    @AfterAll
    static void removeImages() throws Exception {
        for (String image : List.of(V1_1, V2, V1)) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException gone) {
                // never built, or still used by a container another test removes
            }
        }
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        List<String> containers = new ArrayList<>(List.of(name + "-blue", name + "-green", name + "-edge", name + "-deploy-lock"));
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerShadow.LABEL, name)).exec()
                .forEach(c -> containers.add(c.getNames()[0].substring(1)));
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerDeployer.LABEL, name)).exec()
                .forEach(c -> containers.add(c.getNames()[0].substring(1)));
        for (String container : containers) {
            try {
                docker.removeContainerCmd(container).withForce(true).exec();
            } catch (NotFoundException gone) {
                // not created
            }
        }
        try {
            docker.removeNetworkCmd(DockerDeployer.network(name)).exec();
        } catch (NotFoundException gone) {
            // not created
        }
    }

    DeploySpec spec(String image) {
        return DeploySpecReader.read(EXAMPLE, DeployOverrides.none().withImage(image).withTarget(DeployTarget.DOCKER).withName(name))
                .toBuilder().replicas(1)
                .docker(new DockerHostOptions("127.0.0.1", Optional.empty(), 2))
                .resources(new Resources(Optional.empty(), Optional.of(MemorySize.parse("256Mi")), Optional.empty(), Optional.empty()))
                .build();
    }

    DeployRequest request(String image, String run) {
        return new DeployRequest(spec(image), temp.resolve(run), "test " + run, ClusterConnection.fromKubeconfig(),
                DockerEndpoint.fromEnvironment());
    }

    static ShadowSpec shadow(int minRequests, Duration maxDuration) {
        return ShadowSpec.builder()
                // the example serves the model "iris"; the deploy's name here is the test's
                .mirror(new io.mlship.core.shadow.spec.MirrorSpec(100, List.of("POST"), List.of("/v2/models/iris/infer")))
                .analysis(new AnalysisSpec(Duration.ofSeconds(1), minRequests, Duration.ofSeconds(2), maxDuration, 1, NoDataPolicy.INCONCLUSIVE))
                .criteria(new CriteriaSpec(0.99, List.of(OutputRule.classes("class")), 0.01, 3, 0.9))
                .build();
    }

    /** Sends the evaluation inputs through the edge at about 20 req/s; every answer must be v1's class, status 200. */
    static final class LiveTraffic extends Thread {
        final URI url;
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        volatile int sent;

        LiveTraffic(String url) {
            // the deploy's url ends with '/'; "//v2/..." is what the edge's mirrored location then passes on raw (a 404)
            this.url = URI.create(url.replaceAll("/+$", "") + "/v2/models/iris/infer");
            setDaemon(true);
        }

        @Override
        public void run() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            try {
                JsonNode expected = JSON.readTree(EXAMPLE.resolve("eval/disagreement.json").toFile()).get("v1").get("classes");
                for (int i = 0; i < rows.size(); i++) {
                    String body = JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "input-0", "datatype", "FP32",
                            "shape", List.of(1, 4), "data", rows.get(i)))));
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    millis.add((System.nanoTime() - start) / 1_000_000);
                    String cls = answer.statusCode() == 200 ? JSON.readTree(answer.body()).get("outputs").get(0).get("data").get(0).asText() : "";
                    if (answer.statusCode() != 200 || !cls.equals(expected.get(i).asText())) {
                        failures.add(i + ": " + answer.statusCode() + " " + answer.body());
                    }
                    sent = i + 1;
                    Thread.sleep(Math.max(0, 50 - (System.nanoTime() - start) / 1_000_000));
                }
            } catch (Exception e) {
                failures.add("traffic stopped: " + e);
            }
        }
    }

    private void assertNoShadowLeft() {
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerShadow.LABEL, name)).exec()).isEmpty();
    }

    @Test
    void theRetrainedV2IsAbortedWithTheRecordedAgreementWhileEveryLiveAnswerStaysV1s() throws Exception {
        DeployResult live = DeployService.deploy(request(V1, "deploy-v1"), console::add);
        assertThat(live.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        try (ShadowPrometheus prometheus = ShadowPrometheus.scraping(Files.createDirectories(temp.resolve("prom")))) {
            // 200, not 300: the edge starts copying a moment after its reload (about 20 of the first requests were not
            // mirrored in a run), so the exact 300-input agreement is RealModelAgreementTest's, not this test's
            ShadowRequest request = new ShadowRequest(request(V2, "shadow-v2"), shadow(200, Duration.ofSeconds(120)),
                    prometheus.url, temp.resolve("prom/targets"), null, temp.resolve("shadow"));
            LiveTraffic traffic = new LiveTraffic(live.url().orElseThrow());
            Thread starter = new Thread(() -> {
                // live traffic starts once the mirror is on (the console says so)
                while (console.stream().noneMatch(l -> l.contains(": mirroring "))) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                traffic.start();
            });
            starter.setDaemon(true);
            starter.start();
            DockerShadow.Result result = DockerShadow.run(request, console::add);
            traffic.join(60_000);

            JsonNode record = JSON.readTree(EXAMPLE.resolve("eval/disagreement.json").toFile());
            double recorded = (record.get("inputs").asInt() - record.get("disagree").asInt()) / (double) record.get("inputs").asInt();
            assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(result.judgement().pairs()).isGreaterThanOrEqualTo(200);
            // the inputs the judge saw are a prefix-ish subset of the evaluation set: about the recorded share disagrees
            assertThat(result.judgement().agreement().orElseThrow()).isLessThan(0.99).isBetween(recorded - 0.06, recorded + 0.06);
            assertThat(result.promotion()).isEmpty();
            assertThat(traffic.sent).isGreaterThanOrEqualTo(200);
            assertThat(traffic.failures).isEmpty();
            JsonNode report = JSON.readTree(result.report().toFile());
            assertThat(report.get("outcome").asText()).isEqualTo("ABORTED");
            assertThat(report.get("agreement").asDouble()).isEqualTo(result.judgement().agreement().orElseThrow());
            assertNoShadowLeft();
            assertThat(new DockerDeployer(DockerEndpoint.fromEnvironment()).liveImage(name)).contains(V1);
            List<Long> sorted = traffic.millis.stream().sorted().toList();
            System.out.printf("docker shadow v2: ABORTED after %.1f s, agreement %.6f over %d pairs; live p50 %d ms, p99 %d ms, %d live failures%n",
                    result.judgement().seconds(), result.judgement().agreement().get(), result.judgement().pairs(),
                    sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), traffic.failures.size());
        }
    }

    @Test
    void anAgreeingCandidateIsPromotedThroughTheDeployPathAndRollbackRestoresV1() throws Exception {
        DeployResult live = DeployService.deploy(request(V1, "deploy-v1"), console::add);
        assertThat(live.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        try (ShadowPrometheus prometheus = ShadowPrometheus.scraping(Files.createDirectories(temp.resolve("prom")))) {
            ShadowRequest request = new ShadowRequest(request(V1_1, "shadow-v1-1"), shadow(200, Duration.ofSeconds(120)),
                    prometheus.url, temp.resolve("prom/targets"), null, temp.resolve("shadow"));
            LiveTraffic traffic = new LiveTraffic(live.url().orElseThrow());
            Thread starter = new Thread(() -> {
                while (console.stream().noneMatch(l -> l.contains(": mirroring "))) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                traffic.start();
            });
            starter.setDaemon(true);
            starter.start();
            DockerShadow.Result result = DockerShadow.run(request, console::add);
            traffic.join(60_000);

            assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.PROMOTED);
            assertThat(result.judgement().agreement()).contains(1.0);
            assertThat(result.promotion().orElseThrow().outcome()).isEqualTo(DeployOutcome.DEPLOYED);
            assertThat(new DockerDeployer(DockerEndpoint.fromEnvironment()).liveImage(name)).contains(V1_1);
            assertThat(traffic.failures).isEmpty();
            assertNoShadowLeft();

            DeployResult back = DeployService.rollback(request(V1_1, "rollback"), console::add);
            assertThat(back.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(new DockerDeployer(DockerEndpoint.fromEnvironment()).liveImage(name)).contains(V1);
        }
    }

    @Test
    void noTrafficIsInconclusiveAndNothingIsPromotedOrLeftBehind() throws Exception {
        DeployResult live = DeployService.deploy(request(V1, "deploy-v1"), console::add);
        assertThat(live.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        try (ShadowPrometheus prometheus = ShadowPrometheus.scraping(Files.createDirectories(temp.resolve("prom")))) {
            DockerShadow.Result result = DockerShadow.run(new ShadowRequest(request(V1_1, "shadow"), shadow(200, Duration.ofSeconds(4)),
                    prometheus.url, temp.resolve("prom/targets"), null, temp.resolve("shadow")), console::add);
            assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.INCONCLUSIVE);
            assertThat(result.outcome().exitCode()).isEqualTo(3);
            assertThat(result.promotion()).isEmpty();
            assertThat(new DockerDeployer(DockerEndpoint.fromEnvironment()).liveImage(name)).contains(V1);
            assertNoShadowLeft();
        }
    }

    @Test
    void aShadowOfANameThatIsNotDeployedIsAClearErrorAndStartsNothing() {
        assertThatThrownBy(() -> DockerShadow.run(new ShadowRequest(request(V2, "shadow"), shadow(200, Duration.ofSeconds(4)),
                URI.create("http://127.0.0.1:9"), temp.resolve("targets"), null, temp.resolve("shadow")), console::add))
                .isInstanceOf(MlshipException.class).hasMessageContaining("there is no live deploy of " + name);
        assertNoShadowLeft();
    }
}
