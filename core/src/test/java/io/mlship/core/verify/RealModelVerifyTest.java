package io.mlship.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.common.MemorySize;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real example model (examples/iris-model: scikit-learn served by gunicorn on mlship/base:python,
 * which `scripts/services start` builds) verified on the real daemon: it passes at its production
 * limit, is OOM-killed below its peak, its peak matches what its processes hold, v1 and v2 disagree on
 * exactly the recorded evaluation inputs, and a damaged, missing or unloadable model file ends the
 * container with a line verify quotes. The images are built once for the class.
 */
class RealModelVerifyTest {

    static final Path EXAMPLE = Path.of("..", "examples", "iris-model").toAbsolutePath().normalize();
    static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    static final String V1 = "mlship-test/iris-real:v1-" + TAG;
    static final String V2 = "mlship-test/iris-real:v2-" + TAG;
    static final String CORRUPT = "mlship-test/iris-real:corrupt-" + TAG;
    static final String MISSING = "mlship-test/iris-real:missing-" + TAG;
    static final String UNLOADABLE = "mlship-test/iris-real:unloadable-" + TAG;
    static final String LARGE = "mlship-test/iris-real:large-" + TAG;
    /** The example's production limit (mlship.yaml verify.memory). */
    static final MemorySize PRODUCTION = MemorySize.parse("256m");
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Ready in ~5 s on a quiet machine; importing scikit-learn in two workers at once on a CPU-starved
     * shared test machine (load 20+ on 2 cores) has taken over 30 s, so allow for it.
     */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    static DockerClient docker;
    static List<SampleCase> samples;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<String> console = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void buildImages(@TempDir Path logs) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        ImageBuilder builder = new ImageBuilder(docker);
        builder.build(ImageBuildRequest.of(EXAMPLE, V1, logs.resolve("v1")), LogSink.discarding());
        builder.build(ImageBuildRequest.of(EXAMPLE, V2, logs.resolve("v2"))
                .withBuildArgs(Map.of("MODEL", "iris-v2", "MODEL_VERSION", "2.0.0")), LogSink.discarding());
        builder.build(ImageBuildRequest.of(EXAMPLE, LARGE, logs.resolve("large")).withBuildArgs(Map.of("MODEL", "iris-large")),
                LogSink.discarding());
        // Damaged images made from v1 the way they happen: a file changed after the digest was taken,
        // a file left out, a file whose digest matches but which is no model.
        derive(builder, logs, CORRUPT, "RUN printf 'x' >> /srv/model/iris-v1.joblib");
        derive(builder, logs, MISSING, "RUN rm /srv/model/iris-v1.joblib");
        derive(builder, logs, UNLOADABLE, "RUN echo 'not a pickle' > /srv/model/iris-v1.joblib"
                + " && sha256sum /srv/model/iris-v1.joblib > /srv/model/iris-v1.joblib.sha256");
        samples = SampleFile.read(EXAMPLE.resolve("samples.json"));
    }

    private static void derive(ImageBuilder builder, Path logs, String image, String run) throws Exception {
        Path context = Files.createDirectories(logs.resolve("context-" + image.replaceAll("\\W", "-")));
        builder.build(ImageBuildRequest.of(context, image, logs.resolve(image.replaceAll("\\W", "-")))
                .withGeneratedDockerfile("FROM " + V1 + "\nUSER 0\n" + run + "\nUSER 65534\n"), LogSink.discarding());
    }

    @AfterAll
    static void removeImages() throws Exception {
        for (String image : List.of(CORRUPT, MISSING, UNLOADABLE, LARGE, V2, V1)) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException gone) {
                // never built
            }
        }
        docker.close();
    }

    private VerifyResult verify(String image, MemorySize limit) throws InterruptedException {
        return verify(image, limit, Map.of());
    }

    private VerifyResult verify(String image, MemorySize limit, Map<String, String> env) throws InterruptedException {
        return new ImageVerifier(docker).verify(VerifyRequest.of(image, limit, "iris", samples, temp.resolve(UUID.randomUUID().toString()))
                .toBuilder().environment(env).readyTimeout(READY_TIMEOUT).build(), console::add);
    }

    /**
     * The large variant keeps ~100 MiB of model data in every worker: its memory grows with the worker
     * count, and at a realistic limit the kernel kills a worker; verify names the measured peak and the
     * limit to set, and that limit passes.
     */
    @Test
    void theLargeVariantsMemoryGrowsWithItsWorkersAndVerifyNamesTheLimitItNeeds() throws Exception {
        MemorySize roomy = MemorySize.parse("1g");
        VerifyResult one = verify(LARGE, roomy, Map.of("WORKERS", "1"));
        VerifyResult three = verify(LARGE, roomy, Map.of("WORKERS", "3"));
        assertThat(one.passed()).as(String.join("\n", console)).isTrue();
        assertThat(three.passed()).as(String.join("\n", console)).isTrue();
        assertThat(one.peakMemory().bytes()).isGreaterThan(MemorySize.ofMebibytes(150).bytes());
        // two more workers, two more copies of the model (~96 MiB of arrays each) and of scikit-learn
        assertThat(three.peakMemory().bytes() - one.peakMemory().bytes()).isGreaterThan(MemorySize.ofMebibytes(2 * 100).bytes());

        VerifyResult starved = verify(LARGE, MemorySize.parse("256m"), Map.of("WORKERS", "2"));
        assertThat(starved.oomVerdict()).as(String.join("\n", console)).isTrue();
        MemorySize need = starved.measuredNeed().orElseThrow();
        MemorySize advised = starved.recommendedLimit().orElseThrow();
        assertThat(need.bytes()).isGreaterThan(MemorySize.ofMebibytes(256).bytes());
        assertThat(starved.problems().get(0).message()).contains("Measured need: " + need, "at least " + advised.toKubernetesQuantity());
        assertThat(verify(LARGE, advised, Map.of("WORKERS", "2")).problems()).as(String.join("\n", console)).isEmpty();
    }

    @Test
    void passesAtTheProductionLimitAndTheModelDigestIsCheckedBeforeLoading() throws Exception {
        VerifyResult result = verify(V1, PRODUCTION);

        assertThat(result.problems()).as(String.join("\n", console)).isEmpty();
        assertThat(result.samples()).hasSize(2).allMatch(SampleOutcome::passed);
        String digest = Files.readString(EXAMPLE.resolve("model/iris-v1.joblib.sha256")).split(" ")[0];
        assertThat(digest).isEqualTo(sha256(EXAMPLE.resolve("model/iris-v1.joblib")));
        assertThat(Files.readString(result.containerLog()))
                .contains("model file /srv/model/iris-v1.joblib sha256 " + digest + " matches")
                .contains("loaded LogisticRegression from /srv/model/iris-v1.joblib");
    }

    @Test
    void anOomKillBelowTheMeasuredPeakGivesTheVerdictAndTheLimitToSet() throws Exception {
        VerifyResult passing = verify(V1, PRODUCTION);
        MemorySize below = new MemorySize(passing.peakMemory().bytes() / 2);

        VerifyResult starved = verify(V1, below);

        assertThat(starved.oomVerdict()).as(String.join("\n", console)).isTrue();
        MemorySize need = starved.measuredNeed().orElseThrow();
        assertThat(need.bytes()).isGreaterThan(below.bytes());
        assertThat(starved.problems().get(0).message()).contains("OOMKilled").contains("Measured need: " + need)
                .contains("set the memory limit to at least " + starved.recommendedLimit().orElseThrow().toKubernetesQuantity());
        // the real server said why it stopped
        assertThat(Files.readString(starved.containerLog())).contains("for exceeding the container's memory limit");
    }

    /**
     * The cgroup peak verify reports against what the server's processes hold: the sum of their
     * anonymous memory in proportional shares (Pss_Anon: heap, numpy arrays, the model; a page the
     * workers still share with the gunicorn master after fork counts once). The libraries' file pages
     * are left out: they sit in the host's page cache, charged to the cgroup that first read them (the
     * image build), not to this container.
     */
    @Test
    void thePeakVerifyMeasuresIsWithinFifteenPercentOfWhatTheServerProcessesHold() throws Exception {
        VerifyResult result = verify(V1, PRODUCTION);
        assertThat(result.passed()).as(String.join("\n", console)).isTrue();

        long held;
        try (RunningModel model = RunningModel.start(docker, V1, PRODUCTION)) {
            model.awaitReady(http);
            for (SampleCase sample : samples) {
                model.post(http, sample.body());
            }
            held = model.processMemoryBytes();
        }
        double ratio = result.peakMemory().bytes() / (double) held;
        assertThat(ratio).as("verify peak %s vs %s held by the server's processes", result.peakMemory(), new MemorySize(held))
                .isBetween(0.85, 1.15);
    }

    @Test
    void v1AndV2DisagreeOnExactlyTheRecordedEvaluationInputs() throws Exception {
        JsonNode record = JSON.readTree(EXAMPLE.resolve("eval/disagreement.json").toFile());
        JsonNode rows = JSON.readTree(EXAMPLE.resolve("eval/inputs.json").toFile()).get("rows");
        List<String> v1 = classify(V1, rows);
        List<String> v2 = classify(V2, rows);

        List<Integer> differ = IntStream.range(0, v1.size()).filter(i -> !v1.get(i).equals(v2.get(i))).boxed().toList();
        assertThat(v1).hasSize(record.get("inputs").asInt());
        assertThat(differ).hasSize(record.get("disagree").asInt()).isNotEmpty();
        assertThat(differ).containsExactlyElementsOf(JSON.convertValue(record.get("rows"), JSON.getTypeFactory()
                .constructCollectionType(List.class, Integer.class)));
        assertThat(v1).containsExactlyElementsOf(JSON.convertValue(record.get("v1").get("classes"), List.class));
        assertThat(v2).containsExactlyElementsOf(JSON.convertValue(record.get("v2").get("classes"), List.class));
    }

    private List<String> classify(String image, JsonNode rows) throws Exception {
        List<Double> flat = new ArrayList<>();
        rows.forEach(row -> row.forEach(value -> flat.add(value.asDouble())));
        String body = JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "input-0", "datatype", "FP32",
                "shape", List.of(rows.size(), 4), "data", flat))));
        try (RunningModel model = RunningModel.start(docker, image, PRODUCTION)) {
            model.awaitReady(http);
            JsonNode answer = JSON.readTree(model.post(http, body));
            JsonNode classes = answer.get("outputs").get(0);
            assertThat(classes.get("name").asText()).isEqualTo("class");
            return JSON.convertValue(classes.get("data"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        }
    }

    @Test
    void aCorruptedModelFileFailsReadinessWithTheDigestMessageNotATimeOut() throws Exception {
        VerifyResult result = verify(CORRUPT, PRODUCTION);

        VerifyResult.Problem exited = result.problems().get(0);
        assertThat(exited.kind()).isEqualTo(VerifyResult.Kind.EXITED);
        assertThat(exited.message()).contains("exited with code 2 before it got ready")
                .containsPattern("iris-model: model file /srv/model/iris-v1\\.joblib has sha256 [0-9a-f]{64}, but the image expects "
                        + "[0-9a-f]{64}: digest does not match, refusing to load it");
        assertThat(result.readyAfter()).isEmpty();
        assertThat(String.join("\n", console)).contains("digest does not match");
    }

    @Test
    void aMissingModelFileIsAClearErrorQuotingTheContainer() throws Exception {
        VerifyResult result = verify(MISSING, PRODUCTION);

        assertThat(result.problems().get(0).kind()).isEqualTo(VerifyResult.Kind.EXITED);
        assertThat(result.problems().get(0).message()).contains("exited with code 2")
                .contains("iris-model: model file /srv/model/iris-v1.joblib is missing");
    }

    @Test
    void aPythonExceptionAtLoadTimeIsAClearErrorQuotingTheContainer() throws Exception {
        VerifyResult result = verify(UNLOADABLE, PRODUCTION);

        assertThat(result.problems().get(0).kind()).isEqualTo(VerifyResult.Kind.EXITED);
        assertThat(result.problems().get(0).message()).contains("exited with code 3")
                .containsPattern("iris-model: cannot load model file /srv/model/iris-v1\\.joblib: \\w+Error: ");
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A container of a model image on an ephemeral loopback port, removed on close. */
    record RunningModel(DockerClient docker, String id, URI base) implements AutoCloseable {

        static RunningModel start(DockerClient docker, String image, MemorySize limit) {
            ExposedPort port = ExposedPort.tcp(8080);
            Ports bindings = new Ports();
            bindings.bind(port, Ports.Binding.bindIp("127.0.0.1"));
            String id = docker.createContainerCmd(image).withName("mlship-test-real-" + UUID.randomUUID().toString().substring(0, 8))
                    .withExposedPorts(port)
                    .withHostConfig(HostConfig.newHostConfig().withMemory(limit.bytes()).withMemorySwap(limit.bytes()).withPortBindings(bindings))
                    .exec().getId();
            docker.startContainerCmd(id).exec();
            String hostPort = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings().get(port)[0].getHostPortSpec();
            return new RunningModel(docker, id, URI.create("http://127.0.0.1:" + hostPort + "/"));
        }

        void awaitReady(HttpClient http) throws Exception {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (http.send(HttpRequest.newBuilder(base.resolve("v2/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new AssertionError("model container " + id + " was not ready within " + READY_TIMEOUT);
        }

        String post(HttpClient http, String body) throws Exception {
            return http.send(HttpRequest.newBuilder(base.resolve("v2/models/iris/infer"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        /** Sum of the Pss_Anon lines of every process in the container (kB in /proc/PID/smaps_rollup). */
        long processMemoryBytes() throws Exception {
            String id = docker.execCreateCmd(this.id).withAttachStdout(true).withAttachStderr(true)
                    .withCmd("sh", "-c", "cat /proc/[0-9]*/smaps_rollup").exec().getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            docker.execStartCmd(id).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
            Matcher pss = Pattern.compile("(?m)^Pss_Anon:\\s+(\\d+) kB").matcher(out.toString(StandardCharsets.UTF_8));
            long kib = 0;
            int processes = 0;
            while (pss.find()) {
                kib += Long.parseLong(pss.group(1));
                processes++;
            }
            assertThat(processes).as("processes in " + out).isGreaterThanOrEqualTo(3); // gunicorn master + 2 workers (+ the cat)
            return kib * 1024;
        }

        @Override
        public void close() {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // already removed
            }
        }
    }
}
