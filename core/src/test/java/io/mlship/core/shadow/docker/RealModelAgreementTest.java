package io.mlship.core.shadow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ShadowPrometheus;
import io.mlship.core.shadow.ShadowReport;
import io.mlship.core.shadow.compare.ComparatorSettings;
import io.mlship.core.shadow.compare.PairResult;
import io.mlship.core.shadow.compare.ShadowComparator;
import io.mlship.core.shadow.judge.CandidateHealth;
import io.mlship.core.shadow.judge.Judgement;
import io.mlship.core.shadow.judge.PrometheusQueries;
import io.mlship.core.shadow.judge.ShadowJudge;
import io.mlship.core.shadow.judge.ShadowOutcome;
import io.mlship.core.shadow.judge.ShadowQueries;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.NoDataPolicy;
import io.mlship.core.shadow.spec.OutputRule;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real example model's v1 (baseline) and retrained v2 (candidate) as containers on a test network, the
 * comparator between them and a real Prometheus scraping it: over the 300 shipped evaluation inputs, one request
 * each, the agreement on the class output is exactly what the training recorded (eval/disagreement.json), in the
 * comparator, in PromQL and in the judge's report, and the judge aborts v2.
 */
class RealModelAgreementTest {

    static final Path EXAMPLE = Path.of("..", "examples", "iris-model").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void agreementOverTheEvaluationSetEqualsTheRecordedDisagreementExactly() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String v1 = "mlship-test/iris-shadow:v1-" + tag;
        String v2 = "mlship-test/iris-shadow:v2-" + tag;
        String network = "mlship-test-shadow-" + tag;
        DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        List<String> containers = new ArrayList<>();
        try {
            ImageBuilder builder = new ImageBuilder(docker);
            builder.build(ImageBuildRequest.of(EXAMPLE, v1, temp.resolve("v1")), LogSink.discarding());
            builder.build(ImageBuildRequest.of(EXAMPLE, v2, temp.resolve("v2"))
                    .withBuildArgs(Map.of("MODEL", "iris-v2", "MODEL_VERSION", "2.0.0")), LogSink.discarding());
            docker.createNetworkCmd().withName(network).withDriver("bridge").exec();
            URI baseline = run(docker, v1, "mlship-test-baseline-" + tag, network, containers);
            URI candidate = run(docker, v2, "mlship-test-candidate-" + tag, network, containers);
            awaitReady(baseline);
            awaitReady(candidate);

            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String id = "iris-" + tag;
            CriteriaSpec criteria = new CriteriaSpec(0.99, List.of(OutputRule.classes("class")), 0.01, 1.5, 0.9);
            try (ShadowPrometheus prometheus = ShadowPrometheus.scraping(Files.createDirectories(temp.resolve("prom")), "127.0.0.1:" + port);
                 ShadowComparator comparator = ShadowComparator.start(ComparatorSettings.builder()
                         .listen(new InetSocketAddress("127.0.0.1", port)).baseline(baseline).candidate(candidate)
                         .shadowId(id).criteria(criteria).timeout(Duration.ofSeconds(30)).build(), LogSink.discarding())) {
                JsonNode rows = JSON.readTree(EXAMPLE.resolve("eval/inputs.json").toFile()).get("rows");
                HttpClient http = HttpClient.newHttpClient();
                for (JsonNode row : rows) {
                    String body = JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "input-0", "datatype", "FP32",
                            "shape", List.of(1, 4), "data", row))));
                    HttpResponse<Void> ack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/models/iris/infer"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    assertThat(ack.statusCode()).isEqualTo(202);
                }
                JsonNode record = JSON.readTree(EXAMPLE.resolve("eval/disagreement.json").toFile());
                int inputs = record.get("inputs").asInt();
                int disagree = record.get("disagree").asInt();
                assertThat(rows.size()).isEqualTo(inputs).isGreaterThanOrEqualTo(200);

                PrometheusQueries promql = new PrometheusQueries(prometheus.url);
                ShadowQueries queries = new ShadowQueries(id);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && promql.value(queries.pairs()).orElse(0.0) < inputs) {
                    Thread.sleep(200);
                }
                assertThat(comparator.metrics().dropped()).isZero();
                assertThat(comparator.metrics().pairs(PairResult.UNPAIRED)).isZero();
                assertThat(comparator.metrics().pairs(PairResult.DISAGREE)).isEqualTo(disagree);
                assertThat(comparator.metrics().pairs(PairResult.AGREE)).isEqualTo(inputs - disagree);
                double recorded = (inputs - disagree) / (double) inputs;
                assertThat(promql.value(queries.agreement())).contains(recorded);

                Judgement judgement = new ShadowJudge(promql, queries,
                        new AnalysisSpec(Duration.ofSeconds(1), 200, Duration.ZERO, Duration.ofSeconds(10), 1, NoDataPolicy.INCONCLUSIVE),
                        criteria, Optional.empty(), CandidateHealth.Watch.none(), LogSink.discarding()).judge();
                assertThat(judgement.outcome()).isEqualTo(ShadowOutcome.ABORTED);
                assertThat(judgement.agreement()).contains(recorded);
                assertThat(judgement.pairs()).isEqualTo(inputs);
                Path report = temp.resolve("shadow/" + ShadowReport.FILE_NAME);
                ShadowReport.write(id, judgement, Optional.empty(), report);
                JsonNode written = JSON.readTree(report.toFile());
                assertThat(written.get("outcome").asText()).isEqualTo("ABORTED");
                assertThat(written.get("pairs").asLong()).isEqualTo(inputs);
                assertThat(written.get("agreement").asDouble()).isEqualTo(recorded);
                assertThat(written.get("decisions").size()).isGreaterThanOrEqualTo(5);
                System.out.printf("real-model shadow: %d pairs, %d disagree, agreement %.6f (recorded %.6f)%n",
                        judgement.pairs(), comparator.metrics().pairs(PairResult.DISAGREE), judgement.agreement().get(), recorded);
            }
        } finally {
            for (String c : containers) {
                try {
                    docker.removeContainerCmd(c).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // already gone
                }
            }
            try {
                docker.removeNetworkCmd(network).exec();
            } catch (NotFoundException gone) {
                // never created
            }
            for (String image : List.of(v1, v2)) {
                try {
                    docker.removeImageCmd(image).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // never built
                }
            }
            docker.close();
        }
    }

    /**
     * The same comparison with the comparator as the shadow runs it: a container from mlship/base:jre (Debian's JRE)
     * with core's classes and Jackson copied in, on the models' network, its metrics published for Prometheus.
     */
    @Test
    void theComparatorContainerOnTheJreBaseImageCountsTheSame() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String v1 = "mlship-test/iris-shadow:v1-" + tag;
        String v2 = "mlship-test/iris-shadow:v2-" + tag;
        String network = "mlship-test-shadow-" + tag;
        DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        List<String> containers = new ArrayList<>();
        try {
            ImageBuilder builder = new ImageBuilder(docker);
            builder.build(ImageBuildRequest.of(EXAMPLE, v1, temp.resolve("v1")), LogSink.discarding());
            builder.build(ImageBuildRequest.of(EXAMPLE, v2, temp.resolve("v2"))
                    .withBuildArgs(Map.of("MODEL", "iris-v2", "MODEL_VERSION", "2.0.0")), LogSink.discarding());
            docker.createNetworkCmd().withName(network).withDriver("bridge").exec();
            String baselineName = "mlship-test-baseline-" + tag;
            String candidateName = "mlship-test-candidate-" + tag;
            awaitReady(run(docker, v1, baselineName, network, containers));
            awaitReady(run(docker, v2, candidateName, network, containers));
            String id = "iris-c-" + tag;
            String cmp = "mlship-test-cmp-" + tag;
            var port = com.github.dockerjava.api.model.ExposedPort.tcp(DockerShadow.COMPARATOR_PORT);
            var bindings = new com.github.dockerjava.api.model.Ports();
            bindings.bind(port, com.github.dockerjava.api.model.Ports.Binding.bindIp("127.0.0.1"));
            String cid = docker.createContainerCmd(io.mlship.core.shadow.docker.ShadowRequest.JRE_IMAGE).withName(cmp)
                    .withExposedPorts(port).withHostConfig(HostConfig.newHostConfig().withNetworkMode(network).withPortBindings(bindings))
                    .withCmd("java", "-XX:+UseSerialGC", "-Xmx128m", "-cp", "/opt/mlship/lib/*:/opt/mlship/classes",
                            io.mlship.core.shadow.compare.ComparatorMain.class.getName(), "--listen", "0.0.0.0:9000",
                            "--shadow-id", id, "--baseline", "http://" + baselineName + ":8080",
                            "--candidate", "http://" + candidateName + ":8080", "--output", "class=class")
                    .exec().getId();
            containers.add(cmp);
            docker.copyArchiveToContainerCmd(cid).withRemotePath("/")
                    .withTarInputStream(new java.io.ByteArrayInputStream(DockerShadow.comparatorCode())).exec();
            docker.startContainerCmd(cid).exec();
            int hostPort = Integer.parseInt(docker.inspectContainerCmd(cid).exec().getNetworkSettings().getPorts().getBindings()
                    .get(port)[0].getHostPortSpec());
            URI ready = URI.create("http://127.0.0.1:" + hostPort + "/-/ready");
            awaitReady(URI.create("http://127.0.0.1:" + hostPort), "/-/ready");

            try (ShadowPrometheus prometheus = ShadowPrometheus.scraping(Files.createDirectories(temp.resolve("prom2")), "127.0.0.1:" + hostPort)) {
                JsonNode rows = JSON.readTree(EXAMPLE.resolve("eval/inputs.json").toFile()).get("rows");
                HttpClient http = HttpClient.newHttpClient();
                for (JsonNode row : rows) {
                    String body = JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "input-0", "datatype", "FP32",
                            "shape", List.of(1, 4), "data", row))));
                    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/v2/models/iris/infer"))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                            .isEqualTo(202);
                }
                JsonNode record = JSON.readTree(EXAMPLE.resolve("eval/disagreement.json").toFile());
                int inputs = record.get("inputs").asInt();
                int disagree = record.get("disagree").asInt();
                PrometheusQueries promql = new PrometheusQueries(prometheus.url);
                ShadowQueries queries = new ShadowQueries(id);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && promql.value(queries.pairs()).orElse(0.0) < inputs) {
                    Thread.sleep(200);
                }
                assertThat(promql.value(queries.pairs())).contains((double) inputs);
                assertThat(promql.value(queries.agreement())).contains((inputs - disagree) / (double) inputs);
                assertThat(promql.value(queries.droppedCopies())).contains(0.0);
                assertThat(ready).isNotNull();
            }
        } finally {
            for (String c : containers) {
                try {
                    docker.removeContainerCmd(c).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // already gone
                }
            }
            try {
                docker.removeNetworkCmd(network).exec();
            } catch (NotFoundException gone) {
                // never created
            }
            for (String image : List.of(v1, v2)) {
                try {
                    docker.removeImageCmd(image).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // never built
                }
            }
            docker.close();
        }
    }

    private static URI run(DockerClient docker, String image, String name, String network, List<String> containers) {
        String id = docker.createContainerCmd(image).withName(name)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network).withMemory(256L << 20)).exec().getId();
        containers.add(name);
        docker.startContainerCmd(id).exec();
        String ip = docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get(network).getIpAddress();
        return URI.create("http://" + ip + ":8080");
    }

    private static void awaitReady(URI base) throws Exception {
        awaitReady(base, "/v2/health/ready");
    }

    private static void awaitReady(URI base, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(base + " was not ready within 240 s");
    }
}
