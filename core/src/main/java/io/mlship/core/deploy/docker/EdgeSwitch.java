package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.Evidence;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.docker.ContainerOrphans;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.ProcessOwner;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.SourceKind;
import io.mlship.core.verify.ReadinessProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blue/green on a Docker host, behind the {@link EdgeProxy}: the new container ({@code <name>-blue} or
 * {@code <name>-green}, whichever is not live) starts beside the live one on the private network, with no
 * host port; the fail-fast watch judges it; only when it is ready does the edge's upstream switch to it
 * (checked config, graceful reload); the old container is drained (the edge's old workers gone and no
 * connection to it left, or the drain timeout) and stopped, kept for a rollback. A failure at any step
 * leaves the old container serving and the edge pointing at it. Rollback is the same switch backwards.
 *
 * <p>The edge's config header is the record of which container is live and which one is the rollback
 * target; a deploy killed mid-way (SIGKILL) is recovered by the next deploy or rollback under the lock:
 * every other container labelled with the name is removed, a previous one still running is stopped.
 */
final class EdgeSwitch {

    /** How long an old container may keep answering requests it accepted before the switch. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    static final String COLOR_LABEL = "io.mlship.deploy.color";
    // Docker's container-name rule; the name must leave room for "-green" and "-mlship-lock".
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,52}");

    private final DockerEndpoint endpoint;
    private final DockerDeployer watcher;

    EdgeSwitch(DockerEndpoint endpoint, DockerDeployer watcher) {
        this.endpoint = endpoint;
        this.watcher = watcher;
    }

    static void requireContainerName(String name) {
        if (name == null || !CONTAINER_NAME.matcher(name).matches()) {
            throw new MlshipException("deploy.name `" + name + "` is not a valid Docker container name: use letters, digits, "
                    + "'_', '.' and '-', starting with a letter or digit, at most 53 characters (e.g. iris); nothing was changed");
        }
    }

    DeployResult deploy(DeployRequest request, LogSink console) throws InterruptedException {
        DeploySpec spec = request.spec();
        requireContainerName(spec.name());
        Instant start = Instant.now();
        try (DockerClient docker = DockerConnector.connect(endpoint);
             Evidence evidence = new Evidence(request.logDirectory(), request.evidenceSettings(), console)) {
            DockerDeployer.requireImage(docker, spec);
            ContainerOrphans.removeDead(docker, "verify", console);
            try (DockerDeployLock lock = DockerDeployLock.acquire(docker, spec.name(), spec.image().value(), request.holder(),
                    spec.policy().lockTimeout(), console)) {
                console.line("deploying " + spec.image() + " as " + spec.name() + " on " + endpoint.host() + " (blue/green behind the edge)");
                replacePreEdgeContainer(docker, spec.name(), console);
                EdgeProxy edge = EdgeProxy.ensure(docker, spec.name(), spec.port(), spec.docker(), EdgeProxy.endpointHost(endpoint.host()), console);
                EdgeConfig config = recover(docker, edge, spec.name(), console);
                Optional<String> live = config.live();
                String candidate = spec.name() + "-" + (live.isPresent() && live.get().endsWith("-blue") ? "green" : "blue");
                DockerDeployer.inspect(docker, candidate).ifPresent(older -> DockerDeployer.remove(docker, older.getId()));
                if (config.previousName().filter(candidate::equals).isPresent()) {
                    console.line("  removed the older " + candidate + " (the rollback target becomes " + live.orElse("-") + ")");
                }
                DockerDeployer.Run run;
                try {
                    run = createAndWatch(docker, edge, spec, candidate, evidence, console);
                } catch (InterruptedException stopped) {
                    throw undoStopped(docker, candidate, live, stopped, console);
                } catch (RuntimeException e) {
                    if (Thread.interrupted()) {
                        // Stopped during a daemon call: the client reports the interrupt as an I/O failure.
                        InterruptedException stopped = new InterruptedException("stopped during a call to the Docker daemon");
                        stopped.initCause(e);
                        throw undoStopped(docker, candidate, live, stopped, console);
                    }
                    DockerDeployer.inspect(docker, candidate).ifPresent(c -> DockerDeployer.remove(docker, c.getId()));
                    throw new MlshipException("the new container " + candidate + " could not be started: " + e.getMessage() + "; "
                            + live.map(l -> "the edge keeps serving " + l).orElse("nothing was left behind but the edge"), e);
                }
                Optional<String> url = Optional.of(edge.url());
                Optional<String> edgeName = Optional.of(edge.name());
                if (run.failure().isPresent()) {
                    RolloutFailure failure = run.failure().get();
                    console.line("deploy of " + candidate + " FAILED after " + Duration.between(start, run.decidedAt()).toMillis()
                            + " ms: " + failure.summary());
                    failure.lastLines().forEach(l -> console.line("  | " + l));
                    console.line("evidence (container log, events, configuration): " + evidence.directory());
                    // diagnosed before the rollback removes the container: its inspect and events are the evidence
                    Optional<ResourceRecommendation> advice = FailedCandidateDiagnosis.of(docker, candidate, failure, console);
                    if (!spec.policy().rollback()) {
                        return withAdvice(advice, watcher.result(request, spec.image().value(), DeployOutcome.FAILED, Optional.of(run.containerId()), Optional.of(failure),
                                Optional.of(run.decidedAt()), Optional.of("automatic rollback is disabled; the failed container " + candidate
                                        + " stays for inspection" + live.map(l -> ", the edge keeps serving " + l).orElse("")),
                                evidence, start, url, edgeName));
                    }
                    DockerDeployer.remove(docker, run.containerId());
                    if (live.isEmpty()) {
                        console.line("rolling back: nothing was deployed as " + spec.name() + " before; removed the failed container");
                        return withAdvice(advice, watcher.result(request, spec.image().value(), DeployOutcome.REMOVED, Optional.empty(), Optional.of(failure),
                                Optional.of(run.decidedAt()), Optional.of("first deploy: the failed container was removed"), evidence, start, url, edgeName));
                    }
                    String note = "kept " + live.get() + " (" + imageOf(docker, live.get()) + ") serving: the edge never left it; "
                            + "the failed container was removed";
                    console.line(note);
                    return withAdvice(advice, watcher.result(request, spec.image().value(), DeployOutcome.ROLLED_BACK,
                            DockerDeployer.inspect(docker, live.get()).map(InspectContainerResponse::getId), Optional.of(failure),
                            Optional.of(run.decidedAt()), Optional.of(note), evidence, start, url, edgeName));
                }
                switchTo(docker, edge, config, candidate, spec.port(), console, evidence);
                console.line("deployed " + spec.image() + " as " + candidate + ": ready after " + run.readyAfter().toMillis()
                        + " ms; serving at " + url.get());
                return watcher.result(request, spec.image().value(), DeployOutcome.DEPLOYED, Optional.of(run.containerId()), Optional.empty(),
                        Optional.empty(), Optional.empty(), evidence, start, url, edgeName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /**
     * The deploy was stopped (SIGTERM, a Jenkins abort) before the edge switched: the new container is removed
     * and the edge never left the live one, so the host is as it was before the deploy.
     */
    private static InterruptedException undoStopped(DockerClient docker, String candidate, Optional<String> live,
                                                    InterruptedException cause, LogSink console) {
        console.line("stopped while deploying; removing the new container " + candidate);
        try {
            DockerDeployer.inspect(docker, candidate).ifPresent(c -> DockerDeployer.remove(docker, c.getId()));
            console.line(live.map(l -> "the edge keeps serving " + l).orElse("nothing was live before; only the edge is left"));
        } catch (RuntimeException undoFailure) {
            console.line("removing " + candidate + " failed (" + undoFailure.getMessage() + "); the next deploy or rollback "
                    + "removes it (it is not what the edge serves)");
            cause.addSuppressed(undoFailure);
        }
        return cause;
    }

    private static DeployResult withAdvice(Optional<ResourceRecommendation> advice, DeployResult result) {
        return advice.isEmpty() ? result : result.toBuilder().recommendation(advice).build();
    }

    DeployResult rollback(DeployRequest request, LogSink console) throws InterruptedException {
        DeploySpec spec = request.spec();
        requireContainerName(spec.name());
        Instant start = Instant.now();
        try (DockerClient docker = DockerConnector.connect(endpoint);
             Evidence evidence = new Evidence(request.logDirectory(), request.evidenceSettings(), console)) {
            EdgeProxy edge = EdgeProxy.existing(docker, spec.name(), EdgeProxy.endpointHost(endpoint.host())).orElseThrow(() -> new MlshipException(
                    "there is no edge container " + EdgeProxy.edgeName(spec.name()) + " on " + endpoint.host()
                            + ": nothing was deployed as " + spec.name() + " there, so there is nothing to roll back to"));
            String lockImage = edge.current().flatMap(EdgeConfig::previousName).flatMap(p -> DockerDeployer.inspect(docker, p))
                    .map(c -> c.getConfig().getImage()).orElse(EdgeProxy.IMAGE);
            try (DockerDeployLock lock = DockerDeployLock.acquire(docker, spec.name(), lockImage, request.holder(),
                    spec.policy().lockTimeout(), console)) {
                EdgeConfig config = recover(docker, edge, spec.name(), console);
                String target = config.previousName().filter(p -> DockerDeployer.inspect(docker, p).isPresent()).orElseThrow(() -> new MlshipException(
                        "there is no earlier container of " + spec.name() + " on " + endpoint.host() + " to roll back to"
                                + config.live().map(l -> "; the edge keeps serving " + l).orElse("")));
                InspectContainerResponse previous = DockerDeployer.inspect(docker, target).orElseThrow();
                String image = previous.getConfig().getImage();
                console.line("rolling back " + spec.name() + ": starting " + target + " (" + image + ") beside " + config.live().orElse("nothing"));
                DockerDeployer.Run run;
                try (ContainerEvents events = new ContainerEvents(docker, target)) {
                    events.follow(previous.getId(), DockerDeployer.lastFinished(docker, previous.getId()));
                    if (!Boolean.TRUE.equals(previous.getState().getRunning())) {
                        docker.startContainerCmd(previous.getId()).exec();
                    }
                    run = watcher.watch(docker, spec, previous.getId(), target, image, events, evidence, "rollback-",
                            readiness(edge, target, spec));
                }
                Optional<String> url = Optional.of(edge.url());
                if (run.failure().isPresent()) {
                    DockerDeployer.stop(docker, previous.getId());
                    String note = target + " (" + image + ") did not get ready: " + run.failure().get().summary()
                            + config.live().map(l -> "; the edge keeps serving " + l).orElse("");
                    console.line(note);
                    return watcher.result(request, image, DeployOutcome.ROLLBACK_FAILED, config.live().flatMap(l -> DockerDeployer.inspect(docker, l))
                                    .map(InspectContainerResponse::getId), run.failure(), Optional.of(run.decidedAt()), Optional.of(note),
                            evidence, start, url, Optional.of(edge.name()));
                }
                switchTo(docker, edge, config, target, config.modelPort(), console, evidence);
                String note = "restored " + target + " (" + image + "), confirmed ready after " + run.readyAfter().toMillis()
                        + " ms; the edge serves it at " + url.get();
                console.line(note);
                return watcher.result(request, image, DeployOutcome.ROLLED_BACK, Optional.of(previous.getId()), Optional.empty(), Optional.empty(),
                        Optional.of(note), evidence, start, url, Optional.of(edge.name()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /** Sets or removes the edge's traffic mirror, under the deploy lock (a deploy's switch keeps it). */
    void mirror(String name, Optional<EdgeMirror> mirror, String holder, Duration lockTimeout, LogSink console) throws InterruptedException {
        requireContainerName(name);
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            EdgeProxy edge = EdgeProxy.existing(docker, name, EdgeProxy.endpointHost(endpoint.host())).orElseThrow(() -> new MlshipException(
                    "there is no edge container " + EdgeProxy.edgeName(name) + " on " + endpoint.host() + ": deploy " + name + " first"));
            try (DockerDeployLock lock = DockerDeployLock.acquire(docker, name, EdgeProxy.IMAGE, holder, lockTimeout, console)) {
                EdgeConfig config = recover(docker, edge, name, console);
                edge.apply(config.withMirror(mirror));
                console.line(mirror.map(m -> "the edge " + edge.name() + " copies " + m.percent() + "% of " + m.method() + " " + m.pathPrefix()
                        + "* to " + m.target()).orElse("the edge " + edge.name() + " mirrors nothing"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /**
     * The switch itself: the edge's upstream goes to {@code next} (checked, graceful reload), then the old
     * live container is drained and stopped; it stays as the rollback target. When the edge refuses the
     * config, nothing switched: {@code next} is stopped again and the error raised.
     */
    private void switchTo(DockerClient docker, EdgeProxy edge, EdgeConfig config, String next, int port, LogSink console, Evidence evidence)
            throws InterruptedException {
        Optional<String> oldLiveId = config.live().flatMap(l -> DockerDeployer.inspect(docker, l)).map(InspectContainerResponse::getId);
        EdgeConfig switched = config.switchTo(next, port, oldLiveId);
        try {
            edge.apply(switched);
        } catch (MlshipException refused) {
            DockerDeployer.inspect(docker, next).ifPresent(c -> DockerDeployer.stop(docker, c.getId()));
            throw refused;
        }
        evidence.source("objects", SourceKind.OBJECTS).line("# edge " + edge.name() + " switched to " + next + " (generation "
                + switched.generation() + ")");
        console.line("  switched the edge " + edge.name() + " to " + next);
        if (config.live().isPresent() && !config.live().get().equals(next)) {
            drain(docker, edge, config.live().get(), config.modelPort(), console);
        }
    }

    private void drain(DockerClient docker, EdgeProxy edge, String old, int port, LogSink console) throws InterruptedException {
        Optional<String> ip = edge.ipOf(old);
        Instant start = Instant.now();
        Instant end = start.plus(DRAIN_TIMEOUT);
        boolean drained = false;
        while (ip.isPresent() && Instant.now().isBefore(end)) {
            if (edge.workersShuttingDown() == 0 && edge.connectionsTo(ip.get(), port) == 0) {
                drained = true;
                break;
            }
            Thread.sleep(100);
        }
        DockerDeployer.inspect(docker, old).ifPresent(c -> DockerDeployer.stop(docker, c.getId()));
        console.line("  " + (drained || ip.isEmpty() ? "drained " + old + " in " + Duration.between(start, Instant.now()).toMillis() + " ms"
                : "drain timeout (" + DRAIN_TIMEOUT.toSeconds() + " s) for " + old + ", connections still open") + "; stopped it, kept for a rollback");
    }

    /**
     * Brings the containers of a name to what the edge's header says: the live one running, the previous one
     * stopped, every other one (a candidate of a deploy that was killed) removed. Idempotent; a no-op after a
     * deploy that finished.
     */
    private static EdgeConfig recover(DockerClient docker, EdgeProxy edge, String name, LogSink console) {
        EdgeConfig config = edge.current().orElseThrow(() -> new MlshipException("the configuration in the edge container "
                + edge.name() + " was not written by mlship (no `# mlship-edge` header in " + EdgeProxy.CONFIG + "); remove the edge "
                + "container (`docker rm -f " + edge.name() + "`) and deploy again: it is recreated in front of the running container"));
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerDeployer.LABEL, name)).exec();
        for (Container c : containers) {
            String cName = c.getNames()[0].replaceFirst("^/", "");
            boolean running = "running".equals(c.getState());
            if (config.live().filter(cName::equals).isPresent()) {
                if (!running) {
                    console.line("  the live container " + cName + " was not running; starting it");
                    docker.startContainerCmd(c.getId()).exec();
                }
            } else if (config.isPrevious(cName, c.getId())) {
                if (running) {
                    console.line("  recovering: " + cName + " is not live but was still running (an interrupted drain); stopped it");
                    DockerDeployer.stop(docker, c.getId());
                }
            } else {
                console.line("  recovering: removed " + cName + ", left behind by an interrupted deploy (the edge never served it)");
                DockerDeployer.remove(docker, c.getId());
            }
        }
        return config;
    }

    /**
     * A container {@code <name>} from before the edge (mlship's stop-and-start scheme) holds the service port
     * the edge needs: it is removed once, with a console line.
     */
    private static void replacePreEdgeContainer(DockerClient docker, String name, LogSink console) {
        DockerDeployer.inspect(docker, name)
                .filter(c -> c.getConfig().getLabels() != null && name.equals(c.getConfig().getLabels().get(DockerDeployer.LABEL)))
                .ifPresent(c -> {
                    console.line("  removing " + name + ", deployed before mlship put an edge in front (its port goes to the edge)");
                    DockerDeployer.remove(docker, c.getId());
                    DockerDeployer.inspect(docker, name + "-previous").ifPresent(p -> DockerDeployer.remove(docker, p.getId()));
                });
    }

    private DockerDeployer.Run createAndWatch(DockerClient docker, EdgeProxy edge, DeploySpec spec, String candidate, Evidence evidence,
                                              LogSink console) throws InterruptedException {
        String image = spec.image().value();
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(edge.network())
                .withRestartPolicy(RestartPolicy.onFailureRestart(spec.docker().restartRetries()));
        spec.resources().memoryLimit().ifPresent(m -> host.withMemory(m.bytes()).withMemorySwap(m.bytes())); // no swap, like a pod
        spec.resources().cpuLimit().ifPresent(c -> host.withNanoCPUs(Math.round(c.cores() * 1e9)));
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        try (ContainerEvents events = new ContainerEvents(docker, candidate)) {
            String id = docker.createContainerCmd(image).withName(candidate)
                    .withLabels(Map.of(DockerDeployer.LABEL, spec.name(), DockerDeployer.IMAGE_LABEL, image,
                            COLOR_LABEL, candidate.substring(candidate.lastIndexOf('-') + 1),
                            ProcessOwner.LABEL, ProcessOwner.current().label(), ProcessOwner.ROLE_LABEL, "model"))
                    .withEnv(env).withHostConfig(host).exec().getId();
            LogSink objects = evidence.source("objects", SourceKind.OBJECTS);
            objects.line("# container " + candidate + " (" + id + ")");
            objects.line("image: " + image);
            objects.line("limits: " + spec.resources().describeLimits());
            // Docker calls it on-failure:N; written in words the log classifier does not take for an error.
            objects.line("restartPolicy: onFailure, maximumRetryCount: " + spec.docker().restartRetries());
            objects.line("network: " + edge.network() + ", port " + spec.port() + " (reached through the edge " + edge.name() + ")");
            console.line("  created container " + candidate + " (" + id.substring(0, 12) + "), limits " + spec.resources().describeLimits());
            events.follow(id, DockerDeployer.lastFinished(docker, id));
            docker.startContainerCmd(id).exec();
            return watcher.watch(docker, spec, id, candidate, image, events, evidence, "", readiness(edge, candidate, spec));
        } catch (IOException e) {
            throw new MlshipException("lost the Docker event stream of " + candidate + ": " + e.getMessage(), e);
        }
    }

    /** Readiness as the edge sees it: {@code GET <readiness path>} from inside the edge container, every 100 ms. */
    private static DockerDeployer.Readiness readiness(EdgeProxy edge, String container, DeploySpec spec) {
        return running -> {
            Instant begin = Instant.now();
            Instant deadline = begin.plus(spec.policy().readinessWindow());
            String last = "no answer yet";
            while (Instant.now().isBefore(deadline)) {
                last = edge.probe(container, spec.port(), spec.readiness().path());
                if ("HTTP 200".equals(last)) {
                    return new ReadinessProbe.Outcome(true, Duration.between(begin, Instant.now()), last);
                }
                if (!running.getAsBoolean()) {
                    return new ReadinessProbe.Outcome(false, Duration.between(begin, Instant.now()), last + "; the container stopped");
                }
                Thread.sleep(100);
            }
            return new ReadinessProbe.Outcome(false, Duration.between(begin, Instant.now()), last);
        };
    }

    private static String imageOf(DockerClient docker, String container) {
        return DockerDeployer.inspect(docker, container).map(c -> c.getConfig().getImage()).orElse("?");
    }
}
