package io.mlship.core.shadow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.docker.DockerDeployer;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.docker.DockerShadow;
import io.mlship.core.shadow.docker.ShadowRequest;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.MirrorSpec;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Shadow timings on the docker target with the real example model behind the real nginx edge, the comparator
 * container and scripts/services' Prometheus (comparators scraped every second), with live traffic (the evaluation
 * inputs) through the edge at 20 req/s. Run by bench/shadow.sh. Measures, from the shadow's own console lines
 * (timestamped here as they are printed) and its judgement:
 * <ul>
 *   <li>wrong answers (the retrained v2): from the first mirrored request to ABORTED, and from ABORTED to the shadow's
 *       containers gone;</li>
 *   <li>an OOM kill (a process in the candidate allocating past the candidate's 256 MiB limit: the kernel's OOM killer,
 *       the daemon's "oom" event) and a crash (the candidate's server SIGKILLed): from the kill to ABORTED, and to
 *       gone;</li>
 *   <li>live latency at 20 req/s without a shadow and with one running (mirror on), in alternating windows of one run.</li>
 * </ul>
 */
public final class ShadowTimingBench {

    static final Path EXAMPLE = Path.of("examples", "iris-model").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final URI PROMETHEUS = URI.create("http://127.0.0.1:9090");
    static final String MIRRORING = ": mirroring ";
    static final String MIRROR_OFF = " mirrors nothing";

    /** A console line and when it was printed (nanoTime). */
    record Line(long nanos, String text) {
    }

    public static void main(String[] args) throws Exception {
        int windowSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String v1 = "mlship-bench/iris-shadow:v1-" + tag;
        String v2 = "mlship-bench/iris-shadow:v2-" + tag;
        String name = "mlship-bench-shadow-" + tag;
        Path logs = Files.createTempDirectory("mlship-bench-shadow");
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment();
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            ImageBuilder builder = new ImageBuilder(docker);
            builder.build(ImageBuildRequest.of(EXAMPLE, v1, logs.resolve("v1")), LogSink.discarding());
            builder.build(ImageBuildRequest.of(EXAMPLE, v2, logs.resolve("v2"))
                    .withBuildArgs(Map.of("MODEL", "iris-v2", "MODEL_VERSION", "2.0.0")), LogSink.discarding());
            try {
                DeployResult live = DeployService.deploy(request(name, v1, logs.resolve("deploy"), endpoint), LogSink.discarding());
                if (live.outcome() != DeployOutcome.DEPLOYED) {
                    throw new IllegalStateException("the live v1 did not deploy: " + live.outcome() + " (logs " + logs + ")");
                }
                String url = live.url().orElseThrow();
                wrongAnswers(name, v2, url, logs, endpoint);
                killed(name, v1, url, logs, endpoint, docker, "OOM kill", candidate -> oomKill(docker, candidate));
                killed(name, v1, url, logs, endpoint, docker, "crash", candidate -> docker.killContainerCmd(candidate).exec());
                latency(name, v2, url, logs, endpoint, windowSeconds, rounds);
            } finally {
                for (String c : List.of(name + "-blue", name + "-green", name + "-edge", name + "-deploy-lock")) {
                    try {
                        docker.removeContainerCmd(c).withForce(true).exec();
                    } catch (NotFoundException gone) {
                        // not created
                    }
                }
                try {
                    docker.removeNetworkCmd(DockerDeployer.network(name)).exec();
                } catch (NotFoundException gone) {
                    // not created
                }
                for (String image : List.of(v1, v2)) {
                    try {
                        docker.removeImageCmd(image).withForce(true).exec();
                    } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException gone) {
                        // not built, or in use
                    }
                }
            }
        }
        System.out.println("logs and reports: " + logs);
    }

    static DeployRequest request(String name, String image, Path logs, DockerEndpoint endpoint) {
        var spec = DeploySpecReader.read(EXAMPLE, DeployOverrides.none().withImage(image).withTarget(DeployTarget.DOCKER).withName(name))
                .toBuilder().replicas(1).docker(new DockerHostOptions("127.0.0.1", Optional.empty(), 2))
                .resources(new Resources(Optional.empty(), Optional.of(MemorySize.parse("256Mi")), Optional.empty(), Optional.empty()))
                .build();
        return new DeployRequest(spec, logs, "bench", null, endpoint);
    }

    static ShadowSpec shadow(int minRequests, Duration minDuration, Duration maxDuration) {
        return ShadowSpec.builder()
                .mirror(new MirrorSpec(100, List.of("POST"), List.of("/v2/models/iris/infer")))
                .analysis(new AnalysisSpec(Duration.ofSeconds(1), minRequests, minDuration, maxDuration, 1, NoDataPolicy.INCONCLUSIVE))
                .criteria(new CriteriaSpec(0.99, List.of(OutputRule.classes("class")), 0.01, 3, 0.9))
                .build();
    }

    /** The retrained v2 (wrong answers on 38 of the 300 inputs): first mirrored request → ABORTED → containers gone. */
    static void wrongAnswers(String name, String v2, String url, Path logs, DockerEndpoint endpoint) throws Exception {
        List<Line> console = Collections.synchronizedList(new ArrayList<>());
        Traffic traffic = new Traffic(url);
        DockerShadow.Result result = run(name, v2, shadow(100, Duration.ofSeconds(2), Duration.ofSeconds(120)), logs.resolve("wrong"),
                endpoint, console, traffic);
        traffic.stopAndJoin();
        long mirrorOn = at(console, MIRRORING);
        long decided = mirrorOn + (long) (result.judgement().seconds() * 1e9);
        long gone = at(console, ": removed ");
        System.out.printf(Locale.ROOT, "wrong answers (v2, 20 req/s, interval 1 s, minRequests 100): %s, agreement %.4f over %d pairs; "
                        + "first mirrored request -> ABORTED %.1f s (target <= 15 s); ABORTED -> mirror off %.1f s -> shadow containers gone %.1f s "
                        + "(target <= 5 s); live errors %s (edge log), %d of %d (client)%n",
                result.outcome(), result.judgement().agreement().orElse(Double.NaN), result.judgement().pairs(),
                (decided - traffic.firstSent.get()) / 1e9, (at(console, MIRROR_OFF) - decided) / 1e9, (gone - decided) / 1e9,
                liveErrors(result), traffic.errors.get(), traffic.sent.get());
    }

    /** A candidate killed while mirrored (OOM or crash): kill → ABORTED → containers gone. */
    static void killed(String name, String image, String url, Path logs, DockerEndpoint endpoint, DockerClient docker, String what,
                       Consumer<String> kill) throws Exception {
        List<Line> console = Collections.synchronizedList(new ArrayList<>());
        Traffic traffic = new Traffic(url);
        AtomicLong killedAt = new AtomicLong();
        AtomicLong eventAt = new AtomicLong();
        List<java.io.Closeable> streams = Collections.synchronizedList(new ArrayList<>());
        // nanoTime of the daemon's wall-clock event time (epoch nanoseconds): the two clocks' offset, taken now
        long epochMinusNano = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
        traffic.after(60, () -> {
            // the candidate's container: <name>-shadow-<hex>-candidate, from the shadow's own console
            String candidate = console.stream().map(Line::text).filter(l -> l.contains("-candidate ("))
                    .map(l -> l.trim().split(" ")[1]).findFirst().orElseThrow();
            // the daemon's own time of the kill: its first "oom" or "die" event for the candidate
            streams.add(docker.eventsCmd().withContainerFilter(candidate).withEventFilter("oom", "die")
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Event event) {
                            eventAt.compareAndSet(0, event.getTimeNano() - epochMinusNano);
                        }
                    }));
            killedAt.set(System.nanoTime());
            kill.accept(candidate);
        });
        DockerShadow.Result result = run(name, image, shadow(100000, Duration.ofSeconds(2), Duration.ofSeconds(60)),
                logs.resolve(what.replace(' ', '-')), endpoint, console, traffic);
        traffic.stopAndJoin();
        for (java.io.Closeable stream : streams) {
            stream.close();
        }
        long mirrorOn = at(console, MIRRORING);
        long decided = mirrorOn + (long) (result.judgement().seconds() * 1e9);
        long gone = at(console, ": removed ");
        System.out.printf(Locale.ROOT, "%s of the candidate after 60 mirrored requests: %s (%s); the daemon's %s event -> ABORTED %.2f s "
                        + "(target <= 5 s; the %s was started %.2f s before that event); "
                        + "first mirrored request -> ABORTED %.1f s; ABORTED -> mirror off %.1f s -> shadow containers gone %.1f s (target <= 5 s); "
                        + "live errors %s (edge log), %d of %d (client)%n",
                what, result.outcome(), result.reason(), what.startsWith("OOM") ? "oom" : "die", (decided - eventAt.get()) / 1e9,
                what.startsWith("OOM") ? "allocating process" : "SIGKILL", (eventAt.get() - killedAt.get()) / 1e9,
                (decided - traffic.firstSent.get()) / 1e9,
                (at(console, MIRROR_OFF) - decided) / 1e9, (gone - decided) / 1e9, liveErrors(result), traffic.errors.get(), traffic.sent.get());
    }

    /** A real kernel OOM kill in the candidate's memory cgroup: a process there allocating more than its 256 MiB limit. */
    static void oomKill(DockerClient docker, String candidate) {
        String exec = docker.execCreateCmd(candidate).withCmd("python3", "-c", "b = bytearray(400 * 1024 * 1024)").exec().getId();
        docker.execStartCmd(exec).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>());
    }

    /**
     * Live latency at 20 req/s: windows without a shadow, then with one (the v2 shadow, kept running by a minRequests
     * it cannot reach; INCONCLUSIVE at maxDuration, nothing promoted), alternating, in one run.
     */
    static void latency(String name, String v2, String url, Path logs, DockerEndpoint endpoint, int windowSeconds, int rounds)
            throws Exception {
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        long withErrors = 0;
        long withoutErrors = 0;
        for (int round = 0; round < rounds; round++) {
            Traffic quiet = new Traffic(url);
            quiet.start();
            Thread.sleep(windowSeconds * 1000L);
            quiet.stopAndJoin();
            without.addAll(quiet.millis);
            withoutErrors += quiet.errors.get();

            List<Line> console = Collections.synchronizedList(new ArrayList<>());
            Traffic shadowed = new Traffic(url);
            run(name, v2, shadow(1_000_000, Duration.ofSeconds(windowSeconds), Duration.ofSeconds(windowSeconds)),
                    logs.resolve("latency-" + round), endpoint, console, shadowed);
            shadowed.stopAndJoin();
            with.addAll(shadowed.millis);
            withErrors += shadowed.errors.get();
        }
        long p50Without = percentile(without, 0.50);
        long p99Without = percentile(without, 0.99);
        long p50With = percentile(with, 0.50);
        long p99With = percentile(with, 0.99);
        System.out.printf(Locale.ROOT, "live latency at 20 req/s, %d alternating windows of %d s each: without a shadow p50 %d ms, p99 %d ms "
                        + "(%d requests, %d errors); with a shadow (mirror on, v1 baseline + v2 candidate + comparator running) p50 %d ms, "
                        + "p99 %d ms (%d requests, %d errors); ratio with/without: p50 %.2f, p99 %.2f%n",
                rounds, windowSeconds, p50Without, p99Without, without.size(), withoutErrors, p50With, p99With, with.size(), withErrors,
                p50With / (double) Math.max(1, p50Without), p99With / (double) Math.max(1, p99Without));
    }

    /** A shadow of {@code image}; the traffic starts when the shadow says the mirror is on. */
    static DockerShadow.Result run(String name, String image, ShadowSpec spec, Path logs, DockerEndpoint endpoint, List<Line> console,
                                   Traffic traffic) throws Exception {
        LogSink sink = text -> {
            console.add(new Line(System.nanoTime(), text));
            if (text.contains(MIRRORING)) {
                traffic.start();
            }
        };
        DockerShadow.Result result = DockerShadow.run(new ShadowRequest(request(name, image, logs, endpoint), spec, PROMETHEUS, null, null,
                logs), sink);
        if (console.stream().noneMatch(l -> l.text().contains(MIRRORING))) {
            throw new IllegalStateException("the shadow never mirrored: " + result.outcome() + " " + result.reason() + "\n"
                    + String.join("\n", console.stream().map(Line::text).toList()));
        }
        return result;
    }

    static long at(List<Line> console, String marker) {
        return console.stream().filter(l -> l.text().contains(marker)).mapToLong(Line::nanos).findFirst()
                .orElseThrow(() -> new IllegalStateException("no console line with `" + marker + "`"));
    }

    static String liveErrors(DockerShadow.Result result) throws java.io.IOException {
        return JSON.readTree(result.report().toFile()).get("liveErrors").asText();
    }

    static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * p) - 1);
    }

    /** The evaluation inputs through the edge at 20 req/s, in a loop; latencies and errors (not 200, or no answer). */
    static final class Traffic extends Thread {
        final URI url;
        final List<String> bodies = new ArrayList<>();
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong sent = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong firstSent = new AtomicLong();
        volatile boolean stopping;
        volatile int actionAfter = -1;
        volatile Runnable action;

        Traffic(String serviceUrl) throws java.io.IOException {
            this.url = URI.create(serviceUrl.replaceAll("/+$", "") + "/v2/models/iris/infer");
            for (JsonNode row : JSON.readTree(EXAMPLE.resolve("eval/inputs.json").toFile()).get("rows")) {
                bodies.add(JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "input-0", "datatype", "FP32",
                        "shape", List.of(1, 4), "data", row)))));
            }
            setDaemon(true);
        }

        void after(int requests, Runnable then) {
            actionAfter = requests;
            action = then;
        }

        @Override
        public synchronized void start() {
            if (getState() == State.NEW) {
                super.start();
            }
        }

        @Override
        public void run() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            try {
                for (int i = 0; !stopping; i = (i + 1) % bodies.size()) {
                    long start = System.nanoTime();
                    firstSent.compareAndSet(0, start);
                    try {
                        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    }
                    long took = (System.nanoTime() - start) / 1_000_000;
                    millis.add(took);
                    if (sent.incrementAndGet() == actionAfter) {
                        Thread runner = new Thread(action);
                        runner.setDaemon(true);
                        runner.start();
                    }
                    Thread.sleep(Math.max(0, 50 - took));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stopAndJoin() throws InterruptedException {
            stopping = true;
            join(15_000);
        }
    }
}
