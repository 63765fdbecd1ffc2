package io.mlship.core.shadow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.ProcessOwner;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ShadowReport;
import io.mlship.core.shadow.compare.ComparatorMain;
import io.mlship.core.shadow.compare.ComparatorMetrics;
import io.mlship.core.shadow.compare.ShadowComparator;
import io.mlship.core.shadow.judge.CandidateHealth;
import io.mlship.core.shadow.judge.Decision;
import io.mlship.core.shadow.judge.Judgement;
import io.mlship.core.shadow.judge.PrometheusQueries;
import io.mlship.core.shadow.judge.ShadowJudge;
import io.mlship.core.shadow.judge.ShadowOutcome;
import io.mlship.core.shadow.judge.ShadowQueries;
import io.mlship.core.shadow.judge.Verdict;
import io.mlship.core.shadow.spec.MirrorSpec;
import io.mlship.core.shadow.spec.OutputRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A shadow beside a live deploy on a Docker host. The candidate and a baseline (a fresh copy of the live image under
 * the same limits, so both see the same load) and a comparator start on the deploy's network; the edge copies the
 * chosen live requests to the comparator; the judge decides. Whatever the outcome, the mirror is switched off and the
 * three shadow containers and the scrape target are removed before anything else happens; a promotion then goes
 * through the ordinary deploy (its fail-fast watch and rollback), so `mlship rollback` restores the previous version.
 */
public final class DockerShadow {

    /** On every shadow container: the deployed name it shadows. */
    public static final String LABEL = "io.mlship.shadow";
    public static final int COMPARATOR_PORT = 9000;
    /** How long the comparator's JVM may take to listen (seconds on a loaded two-core host). */
    private static final Duration COMPARATOR_START = Duration.ofSeconds(60);
    /** The least time Prometheus gets to scrape the comparator once (longer when maxDuration is). */
    private static final Duration SCRAPE_WAIT = Duration.ofSeconds(30);
    private static final String LIB = "opt/mlship/lib/";
    private static final String CLASSES = "opt/mlship/classes/";

    private final DockerClient docker;
    private final LiveEdge edge;

    DockerShadow(DockerClient docker, LiveEdge edge) {
        this.docker = docker;
        this.edge = edge;
    }

    /** What the run did: the judge's decision, the final outcome, and the promotion's deploy result when there was one. */
    public record Result(ShadowOutcome outcome, String reason, Judgement judgement, Optional<DeployResult> promotion, Path report) {
    }

    private Result shadow(ShadowRequest request, LogSink console) throws InterruptedException {
        DeploySpec spec = request.candidate().spec();
        String id = spec.name() + "-shadow-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        MirrorSpec mirror = request.shadow().mirror();
        List<String> paths = mirror.pathsFor(spec.name());
        if (mirror.methods().size() != 1 || paths.size() != 1) {
            throw new MlshipException("deploy.shadow.mirror: the Docker edge copies one method and one path prefix; got "
                    + mirror.methods() + " and " + paths + ". Give one of each, e.g. methods: [POST], paths: ["
                    + MirrorSpec.inferencePath(spec.name()) + "]");
        }
        // before anything starts: a name that is not live, a Prometheus that is down, an image that is not there
        String liveImage = edge.liveImage();
        PrometheusQueries prometheus = new PrometheusQueries(request.prometheus());
        prometheus.value("vector(1)");
        requireImage(spec.image().value(), "the candidate image " + spec.image().value()
                + " is not on the Docker host: build or pull it first (mlship build); nothing was started");
        requireImage(request.comparatorImage(), "the comparator image " + request.comparatorImage() + " is not on the Docker host: "
                + "scripts/services start builds it (scripts/debian-image --tag mlship/base:jre --packages openjdk-17-jre-headless);"
                + " nothing was started");
        ShadowLeftovers.removeDead(docker, edge, spec.name(), request.prometheusTargets(), console);
        java.time.Instant started = java.time.Instant.now();
        List<String> created = new ArrayList<>();
        Path target = request.prometheusTargets().resolve(id + ".json");
        Judgement judgement;
        boolean mirrored = false;
        try (CandidateEvents candidateEvents = new CandidateEvents(docker, id + "-candidate", "candidate");
             CandidateEvents comparatorEvents = new CandidateEvents(docker, id + "-cmp", "comparator")) {
            CandidateHealth.Watch events = withComparator(candidateEvents, comparatorEvents);
            String baseline = model(id + "-baseline", liveImage, spec, created, console);
            String candidate = model(id + "-candidate", spec.image().value(), spec, created, console);
            awaitReady(baseline, spec, CandidateHealth.Watch.none(), "baseline");
            Optional<String> notReady = awaitReady(candidate, spec, events, "candidate");
            if (notReady.isPresent()) {
                judgement = new Judgement(ShadowOutcome.ABORTED, notReady.get(), 0, Optional.empty(),
                        List.of(new Decision(0, "candidateReady", null, "ready within "
                                + spec.policy().readinessWindow().toSeconds() + "s", Verdict.FAIL, "GET " + spec.readiness().path())), 0);
            } else {
                requireComparedOutputs(baseline, spec, paths.get(0), request);
                int scrapePort = comparator(id, request, spec, created, console);
                awaitComparator(id, scrapePort, comparatorEvents);
                Files.createDirectories(request.prometheusTargets());
                Files.writeString(target, "[{\"targets\": [\"127.0.0.1:" + scrapePort + "\"], \"labels\": {\"job\": \"mlship-shadow\"}}]\n");
                awaitScraped(prometheus, id, request, target, console);
                edge.mirror(Optional.of(id + "-cmp:" + COMPARATOR_PORT), mirror.percent(), mirror.methods().get(0), paths.get(0));
                mirrored = true;
                console.line("shadow " + id + ": mirroring " + mirror.percent() + "% of " + mirror.methods().get(0) + " "
                        + paths.get(0) + " to the comparator; baseline " + liveImage + ", candidate " + spec.image().value());
                judgement = new ShadowJudge(prometheus, new ShadowQueries(id),
                        request.shadow().analysis(), request.shadow().criteria(), Optional.empty(), events, console).judge();
            }
        } catch (IOException e) {
            throw new MlshipException("shadow " + id + ": " + e.getMessage()
                    + " (scrape target folder " + request.prometheusTargets() + ": is it writable?)", e);
        } finally {
            cleanUp(id, created, target, console);
        }
        // counted after the mirror is off: the edge's log then holds every live answer of the window
        Optional<Long> liveErrors = mirrored ? EdgeLiveErrors.count(docker, io.mlship.core.deploy.docker.DockerDeployer.edge(spec.name()),
                id + "-cmp:" + COMPARATOR_PORT, started) : Optional.empty();
        Path report = request.reportDirectory().resolve(ShadowReport.FILE_NAME);
        ShadowOutcome outcome = judgement.outcome();
        String reason = judgement.reason();
        Optional<DeployResult> promotion = Optional.empty();
        if (outcome == ShadowOutcome.PROMOTED) {
            console.line("shadow " + id + ": PROMOTED (" + reason + "); deploying " + spec.image().value());
            DeployResult deployed = DeployService.deploy(request.candidate(), console);
            promotion = Optional.of(deployed);
            if (!deployed.succeeded()) {
                outcome = ShadowOutcome.ABORTED;
                reason = "the shadow passed but the promotion's deploy ended " + deployed.outcome() + "; the live version stays";
            }
        }
        ShadowReport.write(id, judgement, outcome, reason, liveErrors, promotion.map(d -> d.outcome().name()), report);
        console.line("shadow " + id + ": " + outcome + " — " + reason);
        return new Result(outcome, reason, judgement, promotion, report);
    }

    /** The shadow's name and the process that runs it: a later run removes what a killed one left (ShadowLeftovers). */
    private static Map<String, String> labels(DeploySpec spec) {
        return Map.of(LABEL, spec.name(), ProcessOwner.LABEL, ProcessOwner.current().label(), ProcessOwner.ROLE_LABEL, "shadow");
    }

    private void requireImage(String image, String missing) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new MlshipException(missing);
        }
    }

    /** The candidate's events, and the comparator's death: without it nothing is compared, so the shadow ends. */
    private static CandidateHealth.Watch withComparator(CandidateHealth.Watch candidate, CandidateHealth.Watch comparator) {
        return () -> {
            CandidateHealth health = candidate.now();
            Optional<String> dead = comparator.now().fatal();
            return health.fatal().isEmpty() && dead.isPresent()
                    ? new CandidateHealth(health.oomKills(), health.restarts(),
                            Optional.of(dead.get() + "; nothing is compared without it, so the shadow cannot be judged"))
                    : health;
        };
    }

    /**
     * The outputs the criteria name must be outputs of the live model (its Open Inference Protocol metadata, GET
     * /v2/models/NAME on the baseline): a name it does not have would count every pair as a disagreement. A model
     * without metadata is not checked (the console says so).
     */
    private void requireComparedOutputs(String baseline, DeploySpec spec, String path, ShadowRequest request) throws InterruptedException {
        List<String> named = request.shadow().criteria().outputs().stream().map(OutputRule::output).toList();
        java.util.regex.Matcher model = java.util.regex.Pattern.compile("^/v2/models/([^/]+)(/versions/[^/]+)?/infer$").matcher(path);
        if (named.isEmpty() || !model.matches()) {
            return;
        }
        String ip = docker.inspectContainerCmd(baseline).exec().getNetworkSettings().getNetworks().get(edge.network()).getIpAddress();
        URI metadata = URI.create("http://" + ip + ":" + spec.port() + "/v2/models/" + model.group(1));
        List<String> outputs = new ArrayList<>();
        try {
            var answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    java.net.http.HttpRequest.newBuilder(metadata).timeout(Duration.ofSeconds(5)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return;
            }
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("outputs")
                    .forEach(o -> outputs.add(o.path("name").asText()));
        } catch (IOException e) {
            return;
        }
        List<String> unknown = named.stream().filter(n -> !outputs.isEmpty() && !outputs.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new MlshipException("deploy.shadow.criteria.agreement.outputs names " + unknown + ", which the live model "
                    + model.group(1) + " does not have (its outputs: " + outputs + ", from GET " + metadata.getPath()
                    + "): the agreement cannot be evaluated; name outputs it has, or none to compare all; nothing was mirrored");
        }
    }

    /** The comparator's JVM listens a moment after its container starts: no copy is mirrored before it does. */
    private void awaitComparator(String id, int hostPort, CandidateHealth.Watch events) throws InterruptedException {
        var outcome = new io.mlship.core.verify.ReadinessProbe(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build())
                .await(URI.create("http://127.0.0.1:" + hostPort + ShadowComparator.READY_PATH), COMPARATOR_START,
                        () -> events.now().fatal().isEmpty());
        if (!outcome.ready()) {
            throw new MlshipException("shadow " + id + ": the comparator " + id + "-cmp did not answer "
                    + ShadowComparator.READY_PATH + " within " + COMPARATOR_START.toSeconds() + " s ("
                    + events.now().fatal().orElse(outcome.lastAnswer()) + "); see `docker logs " + id + "-cmp`");
        }
    }

    /**
     * The judge reads Prometheus only: until Prometheus has scraped the comparator once, every check would be no-data.
     * A Prometheus that never does (it reads its targets from another folder) is a clear error, not an INCONCLUSIVE.
     */
    private static void awaitScraped(PrometheusQueries prometheus, String id, ShadowRequest request, Path target, LogSink console)
            throws InterruptedException {
        String query = "count(" + ComparatorMetrics.RECEIVED + "{shadow=\"" + id + "\"})";
        // a Prometheus scraping every 15 s with a 5 s file_sd refresh (scripts/services') needs up to ~20 s
        Duration maxDuration = request.shadow().analysis().maxDuration();
        Duration bound = maxDuration.compareTo(SCRAPE_WAIT) > 0 ? maxDuration : SCRAPE_WAIT;
        long end = System.nanoTime() + bound.toNanos();
        while (prometheus.value(query).isEmpty()) {
            if (System.nanoTime() > end) {
                throw new MlshipException("Prometheus at " + prometheus.base() + " has not scraped the comparator within "
                        + bound.toSeconds() + " s: `" + query + "` returns nothing. It must read file_sd targets from "
                        + target.getParent() + " (where " + target.getFileName() + " was written): pass the folder its "
                        + "file_sd_configs read with --prometheus-targets (scripts/services' Prometheus: "
                        + ShadowRequest.SERVICES_TARGETS + "); nothing was mirrored");
            }
            Thread.sleep(250);
        }
        console.line("shadow " + id + ": Prometheus scrapes the comparator");
    }

    private String model(String name, String image, DeploySpec spec, List<String> created, LogSink console) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(edge.network());
        spec.resources().memoryLimit().ifPresent(m -> host.withMemory(m.bytes()).withMemorySwap(m.bytes()));
        spec.resources().cpuLimit().ifPresent(c -> host.withNanoCPUs(Math.round(c.cores() * 1e9)));
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        String containerId;
        try {
            containerId = docker.createContainerCmd(image).withName(name).withLabels(labels(spec))
                    .withEnv(env).withHostConfig(host).exec().getId();
        } catch (NotFoundException e) {
            throw new MlshipException("image " + image + " is not on the Docker host: build or pull it first (mlship build)");
        }
        created.add(name);
        docker.startContainerCmd(containerId).exec();
        console.line("  started " + name + " (" + image + "), limits " + spec.resources().describeLimits());
        return name;
    }

    /** Readiness on the network address (the host reaches a bridge network's containers), watching for an early death. */
    private Optional<String> awaitReady(String name, DeploySpec spec, CandidateHealth.Watch watch, String role)
            throws InterruptedException {
        String ip = docker.inspectContainerCmd(name).exec().getNetworkSettings().getNetworks().get(edge.network()).getIpAddress();
        URI uri = URI.create("http://" + ip + ":" + spec.port() + spec.readiness().path());
        var outcome = new io.mlship.core.verify.ReadinessProbe(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build())
                .await(uri, spec.policy().readinessWindow(), () -> !watch.now().abortsNow());
        if (outcome.ready()) {
            return Optional.empty();
        }
        String why = watch.now().fatal().orElse("GET " + spec.readiness().path() + " did not answer 200 within "
                + spec.policy().readinessWindow().toSeconds() + " s (last: " + outcome.lastAnswer() + ")");
        if (role.equals("baseline")) {
            throw new MlshipException("the baseline (a copy of the live image) never became ready: " + why);
        }
        return Optional.of("the candidate never became ready: " + why);
    }

    private int comparator(String id, ShadowRequest request, DeploySpec spec, List<String> created, LogSink console) throws IOException {
        String name = id + "-cmp";
        ExposedPort port = ExposedPort.tcp(COMPARATOR_PORT);
        Ports bindings = new Ports();
        bindings.bind(port, Ports.Binding.bindIp("127.0.0.1"));
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(edge.network()).withPortBindings(bindings)
                .withMemory(256L << 20);
        String containerId;
        try {
            containerId = docker.createContainerCmd(request.comparatorImage()).withName(name)
                    .withLabels(labels(spec)).withExposedPorts(port).withHostConfig(host)
                    .withCmd(comparatorCommand(id, request, spec))
                    .exec().getId();
        } catch (NotFoundException e) {
            throw new MlshipException("the comparator image " + request.comparatorImage() + " is not on the Docker host: "
                    + "scripts/services start builds it (scripts/debian-image --tag mlship/base:jre --packages openjdk-17-jre-headless)");
        }
        created.add(name);
        docker.copyArchiveToContainerCmd(containerId).withRemotePath("/").withTarInputStream(
                new java.io.ByteArrayInputStream(comparatorCode())).exec();
        docker.startContainerCmd(containerId).exec();
        Ports.Binding[] bound = docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getPorts().getBindings().get(port);
        int hostPort = Integer.parseInt(bound[0].getHostPortSpec());
        console.line("  started " + name + " (comparator), metrics on 127.0.0.1:" + hostPort);
        return hostPort;
    }

    private static List<String> comparatorCommand(String id, ShadowRequest request, DeploySpec spec) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", "/" + LIB + "*:/" + CLASSES, ComparatorMain.class.getName(),
                "--listen", "0.0.0.0:" + COMPARATOR_PORT, "--shadow-id", id,
                "--baseline", "http://" + id + "-baseline:" + spec.port(),
                "--candidate", "http://" + id + "-candidate:" + spec.port()));
        for (OutputRule rule : request.shadow().criteria().outputs()) {
            command.add("--output");
            command.add(ComparatorMain.argument(rule));
        }
        return command;
    }

    /**
     * The comparator needs core's classes and Jackson only: the jars (or, when run from a build, the class folders)
     * they were loaded from, as a tar for the container. From the CLI's shaded jar that is the one jar.
     */
    public static byte[] comparatorCode() throws IOException {
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> type : List.of(ComparatorMain.class, com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonAutoDetect.class)) {
            try {
                sources.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException | NullPointerException e) {
                throw new MlshipException("cannot find where " + type.getName() + " was loaded from, to copy it into the comparator: "
                        + e.getMessage());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path source : sources) {
                if (Files.isDirectory(source)) {
                    try (var files = Files.walk(source)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            add(tar, CLASSES + source.relativize(file).toString().replace('\\', '/'), file);
                        }
                    }
                } else {
                    add(tar, LIB + source.getFileName(), source);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    /**
     * Mirror off first (the live path must not copy to what is about to go), then the containers and the target. An
     * interrupt (SIGTERM through the CLI's TerminationHandler) does not stop the clean-up: it is set again afterwards.
     */
    private void cleanUp(String id, List<String> created, Path target, LogSink console) {
        boolean interrupted = Thread.interrupted();
        try {
            edge.mirror(Optional.empty(), 100, "POST", "/");
        } catch (RuntimeException e) {
            console.line("shadow " + id + ": could not switch the mirror off: " + e.getMessage());
        } catch (InterruptedException e) {
            interrupted = true;
            console.line("shadow " + id + ": interrupted again while switching the mirror off; the next shadow run of this name"
                    + " switches it off");
        }
        for (String name : created) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException gone) {
                // already gone
            } catch (RuntimeException e) {
                console.line("shadow " + id + ": could not remove " + name + ": " + e.getMessage() + " (docker rm -f " + name + ")");
            }
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            console.line("shadow " + id + ": could not remove the scrape target " + target + ": " + e.getMessage());
        }
        console.line("shadow " + id + ": mirror off, removed " + (created.isEmpty() ? "nothing" : String.join(", ", created)));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The entry front ends call: a shadow of {@code request}'s candidate beside the live deploy of the same name on
     * the request's Docker host, judged, cleaned up, and promoted or not.
     */
    public static Result run(ShadowRequest request, LogSink console) throws InterruptedException {
        if (request.candidate().docker() == null) {
            throw new MlshipException("the docker shadow needs a Docker daemon: pass --docker-host or set DOCKER_HOST");
        }
        DeploySpec spec = request.candidate().spec();
        LiveEdge edge = new DockerEdge(new io.mlship.core.deploy.docker.DockerDeployer(request.candidate().docker()), spec.name(),
                request.candidate().holder(), spec.policy().lockTimeout(), console);
        try (DockerClient docker = DockerConnector.connect(request.candidate().docker())) {
            return new DockerShadow(docker, edge).shadow(request, console);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("closing the Docker client failed", e);
        }
    }
}
