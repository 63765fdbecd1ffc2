package io.mlship.core.shadow.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.mlship.core.MlshipException;
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
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ShadowPrometheus;
import io.mlship.core.shadow.judge.ShadowOutcome;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.MirrorSpec;
import io.mlship.core.shadow.spec.NoDataPolicy;
import io.mlship.core.shadow.spec.OutputRule;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure modes of a shadow on the docker target, against the real nginx edge, real containers of the busybox test
 * model, the comparator container and a real Prometheus. While a candidate is OOM-killed, crashes, is paused or is
 * 5 s slow, or the comparator is SIGKILLed, every live request answers 200 with the body it has without a shadow (the
 * live p50/p99 without and with the shadow are printed; the p99 bound is bench/'s, not a unit test's); the shadow ends ABORTED,
 * nothing is promoted, the mirror is off and nothing of the shadow is left. Bad input is a clear error before anything
 * is mirrored, an interrupt (what SIGTERM does through the CLI) cleans up, and two shadows at once keep their numbers.
 */
class DockerShadowFailureTest {

    static final Path MODEL = Path.of("src", "test", "resources", "busybox-model").toAbsolutePath();
    static final Path EXAMPLE = Path.of("..", "examples", "iris-model").toAbsolutePath().normalize();
    static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    static final String V1 = "mlship-test/bb-shadow:v1-" + TAG;
    static final String V1_1 = "mlship-test/bb-shadow:v1-1-" + TAG;
    static final String SLOW = "mlship-test/bb-shadow:slow-" + TAG;
    static final String NEVER_READY = "mlship-test/bb-shadow:never-ready-" + TAG;
    /** The same weights with the labels of classes 2 and 3 swapped: it agrees exactly on the setosa inputs. */
    static final String SWAPPED = "mlship-test/bb-shadow:swapped-" + TAG;
    static final ObjectMapper JSON = new ObjectMapper();
    static DockerClient docker;
    static JsonNode rows;
    static ShadowPrometheus prometheus;
    static Path prometheusTargets;

    @TempDir
    Path temp;
    final List<String> names = new ArrayList<>();
    final String name = newName();
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    String newName() {
        String n = "mlship-test-shfail-" + UUID.randomUUID().toString().substring(0, 8);
        names.add(n);
        return n;
    }

    @BeforeAll
    static void buildImagesAndStartPrometheus(@TempDir Path dir) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        ImageBuilder builder = new ImageBuilder(docker);
        builder.build(ImageBuildRequest.of(MODEL, V1, dir.resolve("v1")), LogSink.discarding());
        builder.build(ImageBuildRequest.of(MODEL, V1_1, dir.resolve("v1-1")).withBuildArgs(Map.of("MODEL_VERSION", "1.0.1")),
                LogSink.discarding());
        builder.build(ImageBuildRequest.of(MODEL, SLOW, dir.resolve("slow")).withBuildArgs(Map.of("INFER_DELAY_SECONDS", "5")),
                LogSink.discarding());
        builder.build(ImageBuildRequest.of(MODEL, NEVER_READY, dir.resolve("never")).withBuildArgs(Map.of("READY_DELAY_SECONDS", "3600")),
                LogSink.discarding());
        Path swapped = copy(MODEL, dir.resolve("swapped-model"));
        Path weights = swapped.resolve("model/iris-logreg.json");
        String json = Files.readString(weights);
        assertThat(json).contains("\"classes\": [\"setosa\", \"versicolor\", \"virginica\"]");
        Files.writeString(weights, json.replace("\"classes\": [\"setosa\", \"versicolor\", \"virginica\"]",
                "\"classes\": [\"setosa\", \"virginica\", \"versicolor\"]"));
        builder.build(ImageBuildRequest.of(swapped, SWAPPED, dir.resolve("swapped")), LogSink.discarding());
        rows = JSON.readTree(EXAMPLE.resolve("eval/inputs.json").toFile()).get("rows");
        prometheus = ShadowPrometheus.scraping(Files.createDirectories(dir.resolve("prom")));
        prometheusTargets = dir.resolve("prom/targets");
    }

    static Path copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        return to;
    }

    @AfterAll
    static void removeImagesAndStopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        for (String image : List.of(V1_1, SLOW, NEVER_READY, SWAPPED, V1)) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException gone) {
                // never built, or still used
            }
        }
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        for (String n : names) {
            List<String> containers = new ArrayList<>(List.of(n + "-blue", n + "-green", n + "-edge", n + "-mlship-lock"));
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerShadow.LABEL, n)).exec()
                    .forEach(c -> containers.add(c.getNames()[0].substring(1)));
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerDeployer.LABEL, n)).exec()
                    .forEach(c -> containers.add(c.getNames()[0].substring(1)));
            for (String container : containers) {
                try {
                    docker.removeContainerCmd(container).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // not created
                }
            }
            try {
                docker.removeNetworkCmd(DockerDeployer.network(n)).exec();
            } catch (NotFoundException gone) {
                // not created
            }
        }
    }

    DeployRequest request(String deployName, String image, String run) {
        DeploySpec spec = DeploySpecReader.read(MODEL, DeployOverrides.none().withImage(image).withTarget(DeployTarget.DOCKER)
                        .withName(deployName))
                .toBuilder().replicas(1).docker(new DockerHostOptions("127.0.0.1", Optional.empty(), 2))
                .policy(p -> new io.mlship.core.deploy.spec.RolloutPolicy(p.progressDeadline(), Duration.ofSeconds(20),
                        p.crashLoopRestarts(), p.rollback(), p.lockTimeout()))
                .build();
        return new DeployRequest(spec, temp.resolve(deployName + "-" + run), "test " + run, ClusterConnection.fromKubeconfig(),
                DockerEndpoint.fromEnvironment());
    }

    /** Checks every second; no promotion before {@code minDuration}; aborts at the first failed check. */
    static ShadowSpec shadow(int minRequests, Duration minDuration, Duration maxDuration, List<OutputRule> outputs) {
        return shadow(minRequests, minDuration, maxDuration, outputs, 3, 0.01);
    }

    static ShadowSpec shadow(int minRequests, Duration minDuration, Duration maxDuration, List<OutputRule> outputs, double maxLatencyRatio,
                             double maxErrorRate) {
        return ShadowSpec.builder()
                .mirror(new MirrorSpec(100, List.of("POST"), List.of("/v2/models/iris/infer")))
                .analysis(new AnalysisSpec(Duration.ofSeconds(1), minRequests, minDuration, maxDuration, 1, NoDataPolicy.INCONCLUSIVE))
                .criteria(new CriteriaSpec(0.99, outputs, maxErrorRate, maxLatencyRatio, 0.9))
                .build();
    }

    ShadowRequest shadowRequest(String deployName, String candidate, ShadowSpec spec) {
        return new ShadowRequest(request(deployName, candidate, "shadow"), spec, prometheus.url, prometheusTargets, null,
                temp.resolve(deployName + "-report"));
    }

    String deploy(String deployName) throws InterruptedException {
        DeployResult live = DeployService.deploy(request(deployName, V1, "deploy"), console::add);
        assertThat(live.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        return live.url().orElseThrow();
    }

    /** {@code count} inference requests through the edge, one after the other at about 20 req/s. */
    static final class Traffic extends Thread {
        final URI url;
        final int count;
        final String[] bodies;
        final int[] statuses;
        final long[] micros;
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        volatile int sent;

        Traffic(String url, int count) {
            this.url = URI.create(url.replaceAll("/+$", "") + "/v2/models/iris/infer");
            this.count = count;
            this.bodies = new String[count];
            this.statuses = new int[count];
            this.micros = new long[count];
            setDaemon(true);
        }

        @Override
        public void run() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            try {
                for (int i = 0; i < count; i++) {
                    String body = JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "input-0", "datatype", "FP32",
                            "shape", List.of(1, 4), "data", rows.get(i % rows.size())))));
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    micros[i] = (System.nanoTime() - start) / 1000;
                    statuses[i] = answer.statusCode();
                    bodies[i] = answer.body();
                    sent = i + 1;
                    Thread.sleep(Math.max(0, 50 - (System.nanoTime() - start) / 1_000_000));
                }
            } catch (Exception e) {
                errors.add("traffic stopped after " + sent + ": " + e);
            }
        }

        Traffic runNow() throws InterruptedException {
            start();
            join(300_000);
            return this;
        }

        long p99Millis() {
            long[] sorted = java.util.Arrays.copyOf(micros, sent);
            java.util.Arrays.sort(sorted);
            return sorted.length == 0 ? -1 : sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000;
        }

        long p50Millis() {
            long[] sorted = java.util.Arrays.copyOf(micros, sent);
            java.util.Arrays.sort(sorted);
            return sorted.length == 0 ? -1 : sorted[sorted.length / 2] / 1000;
        }
    }

    /** A shadow run on its own thread, as the CLI's command thread runs it. */
    final class Run extends Thread {
        final ShadowRequest request;
        final AtomicReference<DockerShadow.Result> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Run(ShadowRequest request) {
            this.request = request;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                result.set(DockerShadow.run(request, console::add));
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        /** The shadow's id, once the edge mirrors to its comparator. */
        String awaitMirroring(String deployName) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < end && isAlive()) {
                synchronized (console) {
                    for (String line : console) {
                        if (line.startsWith("shadow " + deployName + "-shadow-") && line.contains(": mirroring ")) {
                            return line.substring("shadow ".length(), line.indexOf(": mirroring "));
                        }
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the shadow never mirrored: " + failure.get() + "\n" + String.join("\n", console));
        }
    }

    /**
     * The failure-mode protocol: live traffic without a shadow, then the same inputs while a shadow runs and
     * {@code inject} breaks it after 20 live requests. Every live answer must be 200 and the same as without the
     * shadow. Latency is printed, not asserted: timing targets live in bench/ (bench/shadow.sh measures live p99 with
     * and without a shadow side by side).
     */
    void liveUnharmed(String mode, String candidate, ShadowSpec spec, Consumer<String> inject, Consumer<DockerShadow.Result> then)
            throws Exception {
        String url = deploy(name);
        int n = 100;
        Traffic without = new Traffic(url, n).runNow();
        assertThat(without.errors).isEmpty();
        Run run = new Run(shadowRequest(name, candidate, spec));
        run.start();
        String id = run.awaitMirroring(name);
        Traffic with = new Traffic(url, n);
        with.start();
        while (with.sent < 20 && with.isAlive()) {
            Thread.sleep(10);
        }
        inject.accept(id);
        with.join(300_000);
        run.join(300_000);
        assertThat(run.isAlive()).as("the shadow run ended").isFalse();
        assertThat(run.failure.get()).as(String.join("\n", console)).isNull();

        assertThat(with.errors).isEmpty();
        assertThat(with.sent).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(with.statuses[i]).as("live answer " + i).isEqualTo(200);
            assertThat(with.bodies[i]).as("live answer " + i).isEqualTo(without.bodies[i]);
        }
        DockerShadow.Result result = run.result.get();
        System.out.printf("shadow failure %s: %s after %.1f s (%s); live p50/p99 without shadow %d/%d ms, with %d/%d ms (%d requests each)%n",
                mode, result.outcome(), result.judgement().seconds(), result.reason(), without.p50Millis(), without.p99Millis(),
                with.p50Millis(), with.p99Millis(), n);
        assertThat(result.promotion()).isEmpty();
        assertLiveUntouched(name);
        then.accept(result);
    }

    void assertLiveUntouched(String deployName) {
        DockerDeployer deployer = new DockerDeployer(DockerEndpoint.fromEnvironment());
        assertThat(deployer.liveImage(deployName)).contains(V1);
        assertThat(deployer.mirrorTarget(deployName)).as("the edge's mirror").isEmpty();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerShadow.LABEL, deployName)).exec())
                .as("shadow containers left").isEmpty();
        try (var files = Files.list(prometheusTargets)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(deployName))).as("scrape targets left").isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ShadowSpec failing() {
        // no promotion before 300 s, no latency criterion (ratio 1000: two busybox models on a loaded two-core host
        // differ by more than 3x at p99 by chance) and errors up to half (the busybox model under a load of 30 fails a
        // few per cent): the injected failure decides
        return shadow(10, Duration.ofSeconds(300), Duration.ofSeconds(400), List.of(OutputRule.classes("class")), 1000, 0.5);
    }

    static void exec(String container, String user, String... command) {
        try {
            String id = docker.execCreateCmd(container).withUser(user).withCmd(command).withAttachStdout(true).withAttachStderr(true)
                    .exec().getId();
            docker.execStartCmd(id).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aCandidateOomKilledMidShadowIsAbortedAndTheLiveAnswersDoNotChange() throws Exception {
        liveUnharmed("candidate OOM-killed", V1_1, failing(), id -> {
            // the model process is the one the kernel picks (as a model that outgrows its limit would be), then the
            // candidate's memory goes past its 128Mi limit
            exec(id + "-candidate", "0", "sh", "-c", "echo 1000 > /proc/1/oom_score_adj; dd if=/dev/zero of=/dev/null bs=200M count=1");
        }, result -> {
            assertThat(result.outcome()).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(result.judgement().decisions()).anyMatch(d -> d.metric().equals("candidateOomKills") && d.value() >= 1);
        });
    }

    @Test
    void aCandidateCrashingMidShadowIsAbortedAndTheLiveAnswersDoNotChange() throws Exception {
        liveUnharmed("candidate crashed (SIGKILL)", V1_1, failing(), id -> docker.killContainerCmd(id + "-candidate").exec(), result -> {
            assertThat(result.outcome()).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(result.reason()).contains("the candidate container exited (exit code 137");
        });
    }

    @Test
    void aPausedCandidateIsAbortedByItsTimeOutsAndTheLiveAnswersDoNotChange() throws Exception {
        liveUnharmed("candidate paused", V1_1, failing(), id -> docker.pauseContainerCmd(id + "-candidate").exec(), result -> {
            assertThat(result.outcome()).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(result.reason()).contains("candidateErrorRate");
        });
    }

    @Test
    void aFiveSecondSlowCandidateIsAbortedAndTheLiveAnswersDoNotChange() throws Exception {
        liveUnharmed("candidate 5 s slow", SLOW, failing(), id -> { }, result -> {
            assertThat(result.outcome()).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(result.reason()).contains("candidateErrorRate");
        });
    }

    @Test
    void aSigkilledComparatorEndsTheShadowAndTheLiveAnswersDoNotChange() throws Exception {
        liveUnharmed("comparator SIGKILLed", V1_1, failing(), id -> docker.killContainerCmd(id + "-cmp").exec(), result -> {
            assertThat(result.outcome()).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(result.reason()).contains("the comparator container exited (exit code 137").contains("cannot be judged");
        });
    }

    @Test
    void anInterruptMidShadowSwitchesTheMirrorOffAndRemovesTheShadow() throws Exception {
        deploy(name);
        Run run = new Run(shadowRequest(name, V1_1, failing()));
        run.start();
        run.awaitMirroring(name);
        assertThat(new DockerDeployer(DockerEndpoint.fromEnvironment()).mirrorTarget(name)).isPresent();
        run.interrupt(); // what the CLI's TerminationHandler does on SIGTERM
        run.join(60_000);
        assertThat(run.isAlive()).isFalse();
        assertThat(run.failure.get()).as(String.join("\n", console)).isInstanceOfAny(InterruptedException.class, MlshipException.class);
        assertLiveUntouched(name);
    }

    @Test
    void whatAKilledRunLeftIsRemovedByTheNextRunOfTheName() throws Exception {
        String url = deploy(name);
        // a run whose process is gone: its containers carry a dead owner, the edge still mirrors to its comparator
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String deadOwner = new io.mlship.core.docker.ProcessOwner(io.mlship.core.docker.ProcessOwner.current().host(),
                io.mlship.core.docker.ProcessOwner.current().boot(), gone.pid(), 1).label();
        String killed = name + "-shadow-0badc0";
        docker.createContainerCmd(V1).withName(killed + "-cmp").withNetworkMode(DockerDeployer.network(name))
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(DockerDeployer.network(name)))
                .withLabels(Map.of(DockerShadow.LABEL, name, io.mlship.core.docker.ProcessOwner.LABEL, deadOwner)).exec();
        docker.startContainerCmd(killed + "-cmp").exec();
        new DockerDeployer(DockerEndpoint.fromEnvironment()).mirror(name,
                Optional.of(new io.mlship.core.deploy.docker.EdgeMirror(killed + "-cmp:8080", 100, "POST", "/v2/models/iris/infer")),
                "test", Duration.ofSeconds(30), console::add);
        Files.createDirectories(prometheusTargets);
        Files.writeString(prometheusTargets.resolve(killed + ".json"), "[]\n");

        DockerShadow.Result result = DockerShadow.run(shadowRequest(name, V1_1,
                shadow(10_000, Duration.ofSeconds(2), Duration.ofSeconds(20), List.of(OutputRule.classes("class")))), console::add);
        assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.INCONCLUSIVE);
        assertThat(console).anyMatch(l -> l.contains("the edge still mirrors to " + killed + "-cmp:8080"))
                .anyMatch(l -> l.contains("removed " + killed + "-cmp"));
        assertLiveUntouched(name);
        assertThat(new Traffic(url, 5).runNow().statuses).containsOnly(200);
    }

    @Test
    void aCandidateImageThatDoesNotExistIsAClearErrorAndStartsNothing() throws Exception {
        deploy(name);
        assertThatThrownBy(() -> DockerShadow.run(shadowRequest(name, "mlship-test/none:" + TAG, failing()), console::add))
                .isInstanceOf(MlshipException.class).hasMessageContaining("the candidate image mlship-test/none:" + TAG + " is not on the Docker host")
                .hasMessageContaining("nothing was started");
        assertLiveUntouched(name);
    }

    @Test
    void aCandidateThatNeverBecomesReadyIsAbortedAndNothingIsLeft() throws Exception {
        deploy(name);
        DockerShadow.Result result = DockerShadow.run(shadowRequest(name, NEVER_READY, failing()), console::add);
        assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.ABORTED);
        assertThat(result.reason()).contains("the candidate never became ready: GET /v2/health/ready did not answer 200 within 20 s");
        assertLiveUntouched(name);
    }

    @Test
    void aPrometheusThatIsDownIsAClearErrorBeforeAnythingStarts() throws Exception {
        deploy(name);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ShadowRequest request = new ShadowRequest(request(name, V1_1, "shadow"), failing(), URI.create("http://127.0.0.1:" + closed),
                prometheusTargets, null, temp.resolve("report"));
        assertThatThrownBy(() -> DockerShadow.run(request, console::add)).isInstanceOf(MlshipException.class)
                .hasMessageContaining("Prometheus at http://127.0.0.1:" + closed + " cannot be reached")
                .hasMessageContaining("--prometheus URL");
        assertLiveUntouched(name);
    }

    @Test
    void aPrometheusThatNeverScrapesTheComparatorIsAClearErrorAndNothingIsMirrored() throws Exception {
        deploy(name);
        Path elsewhere = Files.createDirectories(temp.resolve("not-read-by-prometheus"));
        ShadowRequest request = new ShadowRequest(request(name, V1_1, "shadow"),
                shadow(10, Duration.ofSeconds(2), Duration.ofSeconds(6), List.of(OutputRule.classes("class"))),
                prometheus.url, elsewhere, null, temp.resolve("report"));
        assertThatThrownBy(() -> DockerShadow.run(request, console::add)).isInstanceOf(MlshipException.class)
                .hasMessageContaining("has not scraped the comparator within 30 s")
                .hasMessageContaining("--prometheus-targets").hasMessageContaining("nothing was mirrored");
        assertThat(console).noneMatch(l -> l.contains(": mirroring "));
        assertLiveUntouched(name);
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anOutputTheLiveModelDoesNotHaveIsAClearErrorAndNothingIsMirrored() throws Exception {
        deploy(name);
        assertThatThrownBy(() -> DockerShadow.run(shadowRequest(name, V1_1,
                shadow(10, Duration.ofSeconds(2), Duration.ofSeconds(6), List.of(OutputRule.classes("label")))), console::add))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("deploy.shadow.criteria.agreement.outputs names [label], which the live model iris does not have")
                .hasMessageContaining("[class, probabilities]");
        assertThat(console).noneMatch(l -> l.contains(": mirroring "));
        assertLiveUntouched(name);
    }

    @Test
    void twoShadowsAtOnceKeepTheirNumbersApart() throws Exception {
        String other = newName();
        String urlA = deploy(name);
        String urlB = deploy(other);
        // A: the same model, 40 requests; B: labels swapped, 20 requests. Neither decides before maxDuration (minRequests
        // 1000, no error or latency criterion: the busybox model under load fails a few per cent); each must count
        // exactly its own copies, and A's agreement must stay 1.0 while B disagrees.
        ShadowSpec undecided = shadow(1000, Duration.ofSeconds(2), Duration.ofSeconds(150), List.of(OutputRule.classes("class")), 1000, 1.0);
        Run a = new Run(shadowRequest(name, V1_1, undecided));
        Run b = new Run(shadowRequest(other, SWAPPED, undecided));
        a.start();
        b.start();
        String idA = a.awaitMirroring(name);
        String idB = b.awaitMirroring(other);
        Traffic trafficA = new Traffic(urlA, 40);
        Traffic trafficB = new Traffic(urlB, 20);
        trafficA.start();
        trafficB.start();
        trafficA.join(300_000);
        trafficB.join(300_000);
        assertThat(a.isAlive() && b.isAlive()).as("both shadows still run when the traffic ends").isTrue();
        a.join(400_000);
        b.join(400_000);
        assertThat(a.failure.get()).as(String.join("\n", console)).isNull();
        assertThat(b.failure.get()).as(String.join("\n", console)).isNull();

        DockerShadow.Result resultA = a.result.get();
        DockerShadow.Result resultB = b.result.get();
        io.mlship.core.shadow.judge.PrometheusQueries queries = new io.mlship.core.shadow.judge.PrometheusQueries(prometheus.url);
        double receivedA = queries.value("max_over_time(mlship_shadow_copies_received_total{shadow=\"" + idA + "\"}[10m])").orElseThrow();
        double receivedB = queries.value("max_over_time(mlship_shadow_copies_received_total{shadow=\"" + idB + "\"}[10m])").orElseThrow();
        System.out.printf("two shadows at once: A %s, %d pairs of %.0f copies of 40 requests, agreement %s; B %s, %d pairs of %.0f copies of 20"
                        + " requests, agreement %s%n", resultA.outcome(), resultA.judgement().pairs(), receivedA,
                resultA.judgement().agreement().orElse(null), resultB.outcome(), resultB.judgement().pairs(), receivedB,
                resultB.judgement().agreement().orElse(null));
        // every live request after the "mirroring" line was copied, to its own shadow only
        assertThat(receivedA).isEqualTo(40);
        assertThat(receivedB).isEqualTo(20);
        assertThat(resultA.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.INCONCLUSIVE);
        assertThat(resultB.outcome()).isEqualTo(ShadowOutcome.INCONCLUSIVE);
        assertThat(resultA.judgement().pairs()).isBetween(1L, 40L);
        assertThat(resultB.judgement().pairs()).isBetween(1L, 20L);
        assertThat(resultA.judgement().agreement()).contains(1.0);
        assertThat(resultB.judgement().agreement().orElseThrow()).isLessThan(0.99);
        assertLiveUntouched(name);
        assertLiveUntouched(other);
        assertThat(trafficA.statuses).containsOnly(200);
        assertThat(trafficB.statuses).containsOnly(200);
    }
}
