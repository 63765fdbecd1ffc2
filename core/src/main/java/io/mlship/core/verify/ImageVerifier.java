package io.mlship.core.verify;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.diagnose.OomAdvice;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.docker.ContainerOrphans;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.capture.SourceKind;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a model image locally under its production memory and CPU limits, waits for readiness,
 * sends sample requests, and judges memory: an OOM kill or a peak above the headroom is an OOM
 * verdict with the limit to set. After an OOM kill it runs the image once more under a larger limit
 * to measure what it really needs, so the recommendation is a measurement, not a guess.
 */
public final class ImageVerifier {

    /** Log sources of a verification (files {@code container.log}, {@code container-measuring-run.log}). */
    public static final String CONTAINER_SOURCE = "container";
    public static final String MEASURING_SOURCE = "container-measuring-run";
    public static final String CONTAINER_LOG = CONTAINER_SOURCE + ".log";
    public static final String MEASURING_LOG = MEASURING_SOURCE + ".log";
    /** Label mlship build sets to the project's name; the default model name of the infer path. */
    public static final String MODEL_NAME_LABEL = "io.mlship.model.name";

    private final DockerClient docker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ImageVerifier(DockerClient docker) {
        this.docker = docker;
    }

    public VerifyResult verify(VerifyRequest given, LogSink console) throws InterruptedException {
        return verify(given, CaptureSettings.defaults(), console);
    }

    /** @param logs how the container logs are captured (noise rules, secrets to mask) */
    public VerifyResult verify(VerifyRequest given, CaptureSettings logs, LogSink console) throws InterruptedException {
        Instant started = Instant.now();
        ContainerOrphans.removeDead(docker, ContainerRun.ROLE, console);
        InspectImageResponse image = inspect(given);
        VerifyRequest request = given.modelName().isPresent() ? given : given.toBuilder().modelName(modelNameOf(given, image)).build();
        int port = containerPort(request, image);
        MemorySize limit = request.memoryLimit();
        console.line(String.format(Locale.ROOT, "== verify %s: memory limit %s, %.2f CPU, port %d, ready at %s",
                request.image(), limit, request.cpus(), port, request.readyPath()));
        warnAboveHostMemory(limit, console);

        try (LogCapture capture = LogCapture.open(request.logDirectory(), logs, console)) {
            return judge(request, image, port, capture, console, started);
        }
    }

    /** A limit above the host's memory cannot be the one that is tested: the host runs out first. */
    private void warnAboveHostMemory(MemorySize limit, LogSink console) {
        Long hostBytes;
        try {
            hostBytes = docker.infoCmd().exec().getMemTotal();
        } catch (RuntimeException unknown) {
            return; // only a warning: a daemon that does not say is no reason to refuse
        }
        if (hostBytes != null && hostBytes > 0 && limit.bytes() > hostBytes) {
            console.line("WARNING: --memory " + limit + " is more than the Docker host's memory (" + new MemorySize(hostBytes)
                    + "): the host, not the limit, decides when the server runs out; pass the production limit");
        }
    }

    private VerifyResult judge(VerifyRequest request, InspectImageResponse image, int port, LogCapture capture, LogSink console,
                               Instant started) throws InterruptedException {
        MemorySize limit = request.memoryLimit();
        ContainerRun.Outcome run = runOnce(request, port, limit, capture.source(CONTAINER_SOURCE, SourceKind.CONTAINER));

        List<VerifyResult.Problem> problems = new ArrayList<>();
        Optional<MemorySize> measuredNeed = Optional.empty();
        // One recommended limit, from the diagnosis' rule on verify's evidence: what the problem message, the
        // recommendation line, memory.recommendedLimit and mlship diagnose all say.
        Optional<ResourceRecommendation> advice;
        if (run.oomKilled()) {
            console.line("== verify: the container was OOM-killed under " + limit);
            if (request.measureOnOom()) {
                measuredNeed = measureNeed(request, port, limit, capture, console);
            }
            advice = OomAdvice.afterKill(limit, measuredNeed, request.headroom());
            problems.add(new VerifyResult.Problem(VerifyResult.Kind.OOM_KILLED, oomMessage(limit, measuredNeed, advice)));
        } else {
            advice = OomAdvice.fromPeak(run.peak(), request.headroom(), VerifyResult.Kind.MEMORY_HEADROOM.name());
            double used = run.peak().bytes() / (double) limit.bytes();
            console.line(String.format(Locale.ROOT, "== verify: memory peak %s of %s (%.0f%%)", run.peak(), limit, used * 100));
            if (used > request.headroom()) {
                String quantity = advice.map(ResourceRecommendation::limitsMemory).orElseThrow();
                problems.add(new VerifyResult.Problem(VerifyResult.Kind.MEMORY_HEADROOM, String.format(Locale.ROOT,
                        "OOM risk: memory peak %s is %.0f%% of the %s limit, above the %.0f%% headroom; "
                                + "set the memory limit to at least %s (resources.limits.memory: %s)",
                        run.peak(), used * 100, limit, request.headroom() * 100, quantity, quantity)));
            }
        }
        Optional<MemorySize> recommended = advice.map(a -> MemorySize.parse(a.limitsMemory()));
        if (!run.oomKilled()) {
            addReadinessAndExitProblems(request, run, port, image, problems);
        }
        for (SampleOutcome sample : run.samples()) {
            console.line("   sample " + (sample.passed() ? "PASS" : "FAIL") + " " + sample.name() + " (HTTP " + sample.status()
                    + ", " + sample.latency().toMillis() + " ms)" + (sample.passed() ? "" : ": " + sample.detail()));
            if (!sample.passed()) {
                problems.add(new VerifyResult.Problem(VerifyResult.Kind.SAMPLE_FAILED, "sample `" + sample.name() + "`: " + sample.detail()));
            }
        }
        boolean oomVerdict = problems.stream().anyMatch(p -> p.kind() == VerifyResult.Kind.OOM_KILLED || p.kind() == VerifyResult.Kind.MEMORY_HEADROOM);
        Optional<ResourceRecommendation> diagnosis = oomVerdict ? advice : Optional.empty();
        VerifyResult result = new VerifyResult(request.image().value(), problems, limit, run.peak(), measuredNeed, recommended,
                run.readiness().ready() ? Optional.of(run.readiness().waited()) : Optional.empty(), run.samples(), run.log(),
                Duration.between(started, Instant.now()), diagnosis, run.memorySeries());
        console.line(result.passed() ? "== verify: PASSED" : "== verify: FAILED");
        problems.forEach(p -> console.line("   " + p.kind() + ": " + p.message()));
        diagnosis.ifPresent(d -> {
            console.line("   recommendation: " + d.line());
            console.line("   rule: " + d.rule());
        });
        console.line("   complete container log: " + run.log());
        return result;
    }

    private void addReadinessAndExitProblems(VerifyRequest request, ContainerRun.Outcome run, int port,
                                             InspectImageResponse image, List<VerifyResult.Problem> problems) {
        if (run.readiness().ready()) {
            return;
        }
        String tail = run.logTail().isEmpty() ? " (it printed nothing)"
                : "; its last lines:\n      " + String.join("\n      ", run.logTail());
        if (!run.stillRunning()) {
            problems.add(new VerifyResult.Problem(VerifyResult.Kind.EXITED, "the container exited with code " + run.exitCode()
                    + " before it got ready (" + run.readiness().lastAnswer() + ")" + tail));
        } else {
            problems.add(new VerifyResult.Problem(VerifyResult.Kind.NOT_READY, "not ready after " + request.readyTimeout().toSeconds()
                    + " s: GET " + request.readyPath() + " on port " + port + " last gave " + run.readiness().lastAnswer()
                    + (run.readiness().lastAnswer().startsWith("connection failed")
                        ? ". Nothing answered on port " + port + ": does the server listen on another port? The image exposes "
                            + describePorts(image) + "; pass --port"
                        : "")
                    + tail));
        }
    }

    /** One container run; its log source is closed as soon as the run is over (the console shows its tail then). */
    private ContainerRun.Outcome runOnce(VerifyRequest request, int port, MemorySize limit, LogSource log) throws InterruptedException {
        try (log) {
            return new ContainerRun(docker, http).run(request, port, limit, log);
        }
    }

    private Optional<MemorySize> measureNeed(VerifyRequest request, int port, MemorySize failedLimit, LogCapture capture,
                                             LogSink console) throws InterruptedException {
        Long hostBytes = docker.infoCmd().exec().getMemTotal();
        MemorySize measuring = MemoryAdvice.measuringLimit(failedLimit, new MemorySize(hostBytes == null ? 0 : hostBytes));
        console.line("== verify: measuring the real need in a second run under " + measuring);
        ContainerRun.Outcome second = runOnce(request, port, measuring, capture.source(MEASURING_SOURCE, SourceKind.CONTAINER));
        if (second.oomKilled()) {
            console.line("== verify: OOM-killed under " + measuring + " as well");
            return Optional.empty();
        }
        console.line("== verify: it needs " + second.peak() + " at peak");
        return Optional.of(second.peak());
    }

    private static String oomMessage(MemorySize limit, Optional<MemorySize> need, Optional<ResourceRecommendation> advice) {
        String killed = "OOMKilled: the container was killed by the kernel for exceeding its " + limit + " memory limit (exit 137)";
        String quantity = advice.map(ResourceRecommendation::limitsMemory).orElseThrow(); // the limit at the kill always gives one
        if (need.isPresent()) {
            return killed + ". Measured need: " + need.get() + " at peak; set the memory limit to at least " + quantity
                    + " (resources.limits.memory: " + quantity + ")";
        }
        return killed + "; its real need was not measured (or exceeded the measuring limit too): set the memory limit to at least "
                + quantity + " (resources.limits.memory: " + quantity + ", the limit at the kill × 1.25), more if it is killed again";
    }

    /** The name mlship build recorded in the image's labels, else the last part of the repository name. */
    private static String modelNameOf(VerifyRequest request, InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        if (labels != null && labels.get(MODEL_NAME_LABEL) != null) {
            return labels.get(MODEL_NAME_LABEL);
        }
        String repository = request.image().value().replaceFirst(":[^:/]+$", "");
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    private InspectImageResponse inspect(VerifyRequest request) {
        try {
            return docker.inspectImageCmd(request.image().value()).exec();
        } catch (NotFoundException e) {
            throw new MlshipException("image " + request.image() + " is not on the Docker daemon: build it first "
                    + "(mlship build --image " + request.image() + ") or pull it there");
        }
    }

    private static int containerPort(VerifyRequest request, InspectImageResponse image) {
        ExposedPort[] exposed = image.getConfig() == null ? null : image.getConfig().getExposedPorts();
        List<Integer> tcp = exposed == null ? List.of()
                : Arrays.stream(exposed).filter(p -> "tcp".equals(p.getProtocol().toString())).map(ExposedPort::getPort).toList();
        if (request.port().isPresent()) {
            int wanted = request.port().get();
            if (!tcp.isEmpty() && !tcp.contains(wanted)) {
                throw new MlshipException("port mismatch: verify was asked for port " + wanted + ", but image " + request.image()
                        + " exposes " + describe(tcp) + "; pass the port the server listens on (--port), or fix EXPOSE in the Dockerfile");
            }
            return wanted;
        }
        if (tcp.size() == 1) {
            return tcp.get(0);
        }
        throw new MlshipException("image " + request.image() + " exposes " + (tcp.isEmpty() ? "no TCP port" : describe(tcp))
                + "; pass the port its server listens on with --port (or EXPOSE exactly one port in the Dockerfile)");
    }

    private static String describePorts(InspectImageResponse image) {
        ExposedPort[] exposed = image.getConfig() == null ? null : image.getConfig().getExposedPorts();
        return exposed == null || exposed.length == 0 ? "no port"
                : describe(Arrays.stream(exposed).map(ExposedPort::getPort).toList());
    }

    private static String describe(List<Integer> ports) {
        return ports.stream().map(p -> p + "/tcp").collect(Collectors.joining(", ", "[", "]"));
    }
}
