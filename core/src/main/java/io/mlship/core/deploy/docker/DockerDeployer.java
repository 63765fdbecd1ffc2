package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.Evidence;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LineSplitter;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.SourceKind;
import io.mlship.core.verify.ReadinessProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The docker target (edge hosts, `mlship demo`): an nginx edge container per deployed name publishes the
 * service port ({@link EdgeProxy}); model containers {@code <name>-blue} / {@code <name>-green} run on a
 * private network with the spec's limits and restart policy {@code on-failure:N}, and a deploy or rollback
 * switches the edge from one to the other only once the new one is ready ({@link EdgeSwitch}). This class
 * keeps the fail-fast watch of one container: the daemon's "oom" and "die" events and the readiness path
 * within the readiness window, with the container's log and events kept as evidence.
 */
public final class DockerDeployer {

    /** Labels on every model container this target runs. */
    public static final String LABEL = "io.mlship.deploy";
    static final String IMAGE_LABEL = "io.mlship.deploy.image";
    private static final int TAIL_LINES = 20;

    private final DockerEndpoint endpoint;

    public DockerDeployer(DockerEndpoint endpoint) {
        if (endpoint == null) {
            throw new MlshipException("the docker target needs a Docker daemon: pass --docker-host or set DOCKER_HOST");
        }
        this.endpoint = endpoint;
    }

    /** Blue/green behind the edge: the new container starts beside the live one and takes over only when ready. */
    public DeployResult deploy(DeployRequest request, LogSink console) throws InterruptedException {
        return new EdgeSwitch(endpoint, this).deploy(request, console);
    }

    /** `mlship rollback` on Docker: the same switch backwards, to the container the edge served before. */
    public DeployResult rollback(DeployRequest request, LogSink console) throws InterruptedException {
        return new EdgeSwitch(endpoint, this).rollback(request, console);
    }

    /**
     * Copies {@code mirror.percent()} of the live requests that match its method and path to its target
     * (fire-and-forget, for shadow traffic); {@code Optional.empty()} stops copying. Needs a deployed edge.
     */
    public void mirror(String name, Optional<EdgeMirror> mirror, String holder, Duration lockTimeout, LogSink console)
            throws InterruptedException {
        new EdgeSwitch(endpoint, this).mirror(name, mirror, holder, lockTimeout, console);
    }

    /**
     * The target ({@code host:port}) the edge of {@code name} copies live requests to now; empty when it mirrors
     * nothing or there is no edge. A shadow killed with SIGKILL leaves its mirror on: the next one switches it off.
     */
    public Optional<String> mirrorTarget(String name) {
        EdgeSwitch.requireContainerName(name);
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            return EdgeProxy.existing(docker, name, EdgeProxy.endpointHost(endpoint.host()))
                    .flatMap(EdgeProxy::current).flatMap(EdgeConfig::mirror).map(EdgeMirror::target);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /**
     * The image the edge of {@code name} serves now (its live container's, as the edge's record says); empty when
     * there is no edge or nothing is live. A shadow's baseline runs a fresh copy of it.
     */
    public Optional<String> liveImage(String name) {
        EdgeSwitch.requireContainerName(name);
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            return EdgeProxy.existing(docker, name, EdgeProxy.endpointHost(endpoint.host()))
                    .flatMap(EdgeProxy::current).flatMap(EdgeConfig::live)
                    .flatMap(live -> inspect(docker, live)).map(c -> c.getConfig().getImage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /** The container of {@code name}'s edge (nginx); its stderr carries the live errors logged while a mirror is on. */
    public static String edge(String name) {
        return EdgeProxy.edgeName(name);
    }

    /** The private network of {@code name}'s edge and model containers: others join it to be reached by name. */
    public static String network(String name) {
        return EdgeProxy.networkName(name);
    }

    /** How watching one container ended. */
    record Run(String containerId, Optional<RolloutFailure> failure, Duration readyAfter, Instant decidedAt) {
    }

    /** Waits for readiness while the container runs (false from {@code running} ends the wait early). */
    interface Readiness {
        ReadinessProbe.Outcome await(java.util.function.BooleanSupplier running) throws InterruptedException;
    }

    Run watch(DockerClient docker, DeploySpec spec, String id, String containerName, String image, ContainerEvents events,
              Evidence evidence, String evidencePrefix, Readiness readiness) throws InterruptedException {
        ReadinessProbe.Outcome ready = readiness.await(() -> events.firstDeath().isEmpty());
        Instant decided = Instant.now();
        if (ready.ready()) {
            return new Run(id, Optional.empty(), ready.waited(), decided);
        }
        if (events.oomKilled()) {
            events.awaitDeath(2_000); // the "die" event with the exit code follows the "oom" one
        }
        String limits = spec.resources().describeLimits();
        String logSource = evidencePrefix + "container-" + containerName;
        LogSink log = evidence.source(logSource, SourceKind.CONTAINER);
        logs(docker, id, -1).forEach(log::line);
        LogSink seen = evidence.source(evidencePrefix + "events", SourceKind.EVENTS);
        events.all().forEach(e -> seen.line(e.describe()));
        List<String> lastLines = evidence.lastLines(logSource, TAIL_LINES); // as stored: secrets masked
        Optional<ContainerEvents.Seen> death = events.firstDeath();
        RolloutFailure failure;
        if (events.oomKilled()) {
            failure = new RolloutFailure(FailureReason.OOM_KILLED, Optional.empty(), Optional.of(containerName + " (" + image + ")"),
                    death.flatMap(ContainerEvents.Seen::exitCode).or(() -> Optional.of(137)), events.restarts(), limits,
                    "the kernel killed it for using more memory than its limit", lastLines);
        } else if (death.isPresent()) {
            failure = new RolloutFailure(FailureReason.EXITED, Optional.empty(), Optional.of(containerName + " (" + image + ")"),
                    death.get().exitCode(), events.restarts(), limits, "it exited before it was ready", lastLines);
        } else {
            failure = new RolloutFailure(FailureReason.NOT_READY, Optional.empty(), Optional.of(containerName + " (" + image + ")"), Optional.empty(),
                    events.restarts(), limits, "GET " + spec.readiness().path() + " did not answer 200 within "
                    + spec.policy().readinessWindow().toSeconds() + " s (last: " + ready.lastAnswer() + ")", lastLines);
        }
        return new Run(id, Optional.of(failure), ready.waited(), decided);
    }

    /** When the container last stopped ("0001-01-01T00:00:00Z" for one never started), on the daemon's clock. */
    static Instant lastFinished(DockerClient docker, String id) {
        String finished = docker.inspectContainerCmd(id).exec().getState().getFinishedAt();
        return finished == null ? Instant.EPOCH.minusSeconds(1) : Instant.parse(finished);
    }

    /** The container's log (stdout and stderr, across restarts); the last {@code tail} lines, or all when negative. */
    private static List<String> logs(DockerClient docker, String id, int tail) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        LineSplitter out = LineSplitter.keepingCarriageReturns(lines::add);
        var command = docker.logContainerCmd(id).withStdOut(true).withStdErr(true);
        command = tail < 0 ? command.withTailAll() : command.withTail(tail);
        try (ResultCallback.Adapter<Frame> done = command.exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (lines) {
                    out.accept(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        })) {
            done.awaitCompletion(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            lines.add("(log incomplete: " + e.getMessage() + ")");
        }
        synchronized (lines) {
            out.finish();
            return List.copyOf(lines);
        }
    }

    /** Everything that can be refused is refused before the running container is touched. */
    static void requireImage(DockerClient docker, DeploySpec spec) {
        if (!spec.secretEnv().isEmpty()) {
            throw new MlshipException("deploy.secretEnv refers to Kubernetes Secrets, which a Docker host does not have: "
                    + "remove it for the docker target; nothing was changed");
        }
        try {
            docker.inspectImageCmd(spec.image().value()).exec();
        } catch (NotFoundException e) {
            throw new MlshipException("image " + spec.image() + " is not on the Docker host " + "(" + "docker images" + "); "
                    + "build or pull it there first (`mlship build`, `docker pull`): nothing was changed");
        }
    }

    static Optional<InspectContainerResponse> inspect(DockerClient docker, String name) {
        try {
            return Optional.of(docker.inspectContainerCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static void stop(DockerClient docker, String id) {
        try {
            docker.stopContainerCmd(id).withTimeout(10).exec();
        } catch (com.github.dockerjava.api.exception.NotModifiedException alreadyStopped) {
            // stopped already: the goal is reached
        }
    }

    static void remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed by someone else: the goal is reached
        }
    }

    DeployResult result(DeployRequest request, String image, DeployOutcome outcome, Optional<String> revision,
                        Optional<RolloutFailure> failure, Optional<Instant> failureSeenAt, Optional<String> note,
                        Evidence evidence, Instant start, Optional<String> url, Optional<String> edge) {
        DeployResult.Builder result = DeployResult.builder("docker", request.spec().name(), image, request.logDirectory())
                .outcome(outcome).revision(revision.map(id -> id.substring(0, Math.min(12, id.length()))))
                .evidence(evidence.files()).duration(Duration.between(start, Instant.now()));
        failure.ifPresent(f -> result.failure(f, failureSeenAt.orElseThrow()));
        note.ifPresent(result::rollbackNote);
        if (url.isPresent() && edge.isPresent()) {
            result.edge(url.get(), edge.get());
        }
        return result.build();
    }
}
