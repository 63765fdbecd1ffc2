package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.Evidence;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.ContainerOrphans;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.docker.ProcessOwner;
import io.mlship.core.log.LineSplitter;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.SourceKind;
import io.mlship.core.verify.ReadinessProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The docker target (edge hosts, `mlship demo`): the running container {@code <name>} is stopped and kept
 * as {@code <name>-previous}; the new one runs under {@code <name>} with the spec's limits, port and
 * restart policy {@code on-failure:N}, and must answer its readiness path within the readiness window.
 * It fails fast on the daemon's "oom" and "die" events. On failure the new container's log and events
 * are kept, it is removed, and {@code <name>-previous} comes back under {@code <name>} and must get ready.
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

    static String previousName(String name) {
        return name + "-previous";
    }

    public DeployResult deploy(DeployRequest request, LogSink console) throws InterruptedException {
        DeploySpec spec = request.spec();
        Instant start = Instant.now();
        try (DockerClient docker = DockerConnector.connect(endpoint);
             Evidence evidence = new Evidence(request.logDirectory(), request.evidenceSettings(), console)) {
            requireImage(docker, spec);
            ContainerOrphans.removeDead(docker, "verify", console);
            try (DockerDeployLock lock = DockerDeployLock.acquire(docker, spec.name(), spec.image().value(), request.holder(),
                    spec.policy().lockTimeout(), console)) {
                lock.brokenOwner().ifPresent(dead -> repairKilledRun(docker, spec, dead, console));
                Optional<InspectContainerResponse> running = inspect(docker, spec.name());
                console.line("deploying " + spec.image() + " as container " + spec.name() + " on " + endpoint.host());
                if (running.isPresent()) {
                    inspect(docker, previousName(spec.name())).ifPresent(old -> remove(docker, old.getId()));
                    stop(docker, running.get().getId());
                    docker.renameContainerCmd(running.get().getId()).withName(previousName(spec.name())).exec();
                    console.line("  stopped the running container and kept it as " + previousName(spec.name()));
                }
                Run run;
                try {
                    run = runAndWatch(docker, spec, spec.image().value(), evidence, console);
                } catch (RuntimeException e) {
                    if (Thread.interrupted()) {
                        // Stopped during a daemon call: the client reports the interrupt as an I/O failure.
                        InterruptedException stopped = new InterruptedException("stopped during a call to the Docker daemon");
                        stopped.initCause(e);
                        throw undoInterrupted(docker, spec, running, stopped, evidence, console);
                    }
                    throw undoStart(docker, spec, running, e, evidence, console);
                } catch (InterruptedException e) {
                    throw undoInterrupted(docker, spec, running, e, evidence, console);
                }
                if (run.failure().isEmpty()) {
                    console.line("deployed " + spec.image() + " as container " + spec.name() + ": ready after " + run.readyAfter().toMillis() + " ms");
                    return result(request, spec.image().value(), DeployOutcome.DEPLOYED, evidence, start)
                            .revision(shortId(run.containerId())).build();
                }
                RolloutFailure failure = run.failure().get();
                console.line("deploy of container " + spec.name() + " FAILED after " + Duration.between(start, run.decidedAt()).toMillis()
                        + " ms: " + failure.summary());
                failure.lastLines().forEach(l -> console.line("  | " + l));
                console.line("evidence (container log, events, configuration): " + evidence.directory());
                if (!spec.policy().rollback()) {
                    return result(request, spec.image().value(), DeployOutcome.FAILED, evidence, start).revision(shortId(run.containerId()))
                            .failure(failure, run.decidedAt()).rollbackNote("automatic rollback is disabled; the failed container stays").build();
                }
                remove(docker, run.containerId());
                if (running.isEmpty()) {
                    console.line("rolling back: there was no container " + spec.name() + " before; removed the failed one");
                    return result(request, spec.image().value(), DeployOutcome.REMOVED, evidence, start)
                            .failure(failure, run.decidedAt()).rollbackNote("first deploy: the failed container was removed").build();
                }
                String note = restorePrevious(docker, spec, evidence, console);
                DeployOutcome outcome = note.startsWith("restored") ? DeployOutcome.ROLLED_BACK : DeployOutcome.ROLLBACK_FAILED;
                return result(request, spec.image().value(), outcome, evidence, start)
                        .revision(inspect(docker, spec.name()).map(c -> shortId(c.getId())))
                        .failure(failure, run.decidedAt()).rollbackNote(note).build();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /**
     * The new container could not even be created or started (a host port already taken, a bad option):
     * nothing may stay half-done, so it is removed and the previous container comes back under the name.
     */
    private MlshipException undoStart(DockerClient docker, DeploySpec spec, Optional<InspectContainerResponse> previous,
                                      RuntimeException cause, Evidence evidence, LogSink console) throws InterruptedException {
        inspect(docker, spec.name()).filter(c -> previous.isEmpty() || !c.getId().equals(previous.get().getId()))
                .ifPresent(c -> remove(docker, c.getId()));
        String what = "the new container of " + spec.name() + " could not be started: " + cause.getMessage();
        console.line(what);
        if (previous.isEmpty()) {
            return new MlshipException(what + "; nothing was left behind", cause);
        }
        String note = restorePrevious(docker, spec, evidence, console);
        return new MlshipException(what + "; " + note, cause);
    }

    /**
     * The deploy was stopped (SIGTERM, a Jenkins abort) while the new container started or was watched:
     * it is removed and the previous container comes back under the name, so the host is left as it was.
     * The interrupt flag is cleared by the catch, so the restore can wait for readiness; a second
     * interruption ends that wait, and the message names what is left.
     */
    private InterruptedException undoInterrupted(DockerClient docker, DeploySpec spec, Optional<InspectContainerResponse> previous,
                                                 InterruptedException cause, Evidence evidence, LogSink console) {
        console.line("stopped while deploying " + spec.name() + "; removing the new container");
        try {
            inspect(docker, spec.name()).filter(c -> previous.isEmpty() || !c.getId().equals(previous.get().getId()))
                    .ifPresent(c -> remove(docker, c.getId()));
            if (previous.isEmpty()) {
                console.line("there was no container " + spec.name() + " before; nothing is left behind");
            } else {
                console.line(restorePrevious(docker, spec, evidence, console));
            }
        } catch (InterruptedException | RuntimeException undoFailure) {
            console.line("undoing the stopped deploy failed (" + undoFailure.getMessage() + "): check the containers "
                    + spec.name() + " and " + previousName(spec.name()) + " by hand");
            cause.addSuppressed(undoFailure);
        }
        return cause;
    }

    /** `mlship rollback` on Docker: {@code <name>-previous} and {@code <name>} swap places; the restored one must get ready. */
    public DeployResult rollback(DeployRequest request, LogSink console) throws InterruptedException {
        DeploySpec spec = request.spec();
        Instant start = Instant.now();
        try (DockerClient docker = DockerConnector.connect(endpoint);
             Evidence evidence = new Evidence(request.logDirectory(), request.evidenceSettings(), console)) {
            InspectContainerResponse previous = inspect(docker, previousName(spec.name())).orElseThrow(() -> new MlshipException(
                    "there is no container " + previousName(spec.name()) + " on " + endpoint.host() + " to roll back to"));
            try (DockerDeployLock lock = DockerDeployLock.acquire(docker, spec.name(), previous.getConfig().getImage(), request.holder(),
                    spec.policy().lockTimeout(), console)) {
                lock.brokenOwner().ifPresent(dead -> repairKilledRun(docker, spec, dead, console));
                if (lock.brokenOwner().isPresent() && inspect(docker, previousName(spec.name())).isEmpty()) {
                    // The repair already went back to what ran before the killed deploy: that is the rollback.
                    InspectContainerResponse restored = inspect(docker, spec.name()).orElseThrow(() -> new MlshipException(
                            "the killed deploy left no container " + spec.name() + " to roll back to"));
                    String note = confirmReady(docker, spec, restored, evidence, console);
                    return result(request, restored.getConfig().getImage(), note.startsWith("restored")
                                    ? DeployOutcome.ROLLED_BACK : DeployOutcome.ROLLBACK_FAILED, evidence, start)
                            .revision(shortId(restored.getId())).rollbackNote(note).build();
                }
                Optional<InspectContainerResponse> current = inspect(docker, spec.name());
                String parked = spec.name() + "-rolled-back";
                if (current.isPresent()) {
                    inspect(docker, parked).ifPresent(old -> remove(docker, old.getId()));
                    stop(docker, current.get().getId());
                    docker.renameContainerCmd(current.get().getId()).withName(parked).exec();
                }
                String note = restorePrevious(docker, spec, evidence, console);
                boolean ready = note.startsWith("restored");
                if (ready && current.isPresent()) {
                    // Keep what was rolled back as the new "previous": a second rollback goes forward again.
                    docker.renameContainerCmd(current.get().getId()).withName(previousName(spec.name())).exec();
                }
                return result(request, previous.getConfig().getImage(), ready ? DeployOutcome.ROLLED_BACK : DeployOutcome.ROLLBACK_FAILED,
                        evidence, start).revision(shortId(previous.getId())).rollbackNote(note).build();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /**
     * A deploy or rollback killed while it held the lock (its owner is gone) left the containers of this name
     * somewhere between two states. Brought back to the state before it: its new container, never confirmed,
     * is removed; the container it parked as {@code -previous} (or {@code -rolled-back}) comes back under the
     * name; and the container under the name, which it may have stopped, runs again. The deploy then goes on
     * from there as usual, so a consistent, serving state is what it starts from (and what a failure returns to).
     */
    private static void repairKilledRun(DockerClient docker, DeploySpec spec, String deadOwner, LogSink console) {
        String name = spec.name();
        inspect(docker, name).filter(c -> c.getConfig().getLabels() != null
                        && deadOwner.equals(c.getConfig().getLabels().get(ProcessOwner.LABEL)))
                .ifPresent(unconfirmed -> {
                    remove(docker, unconfirmed.getId());
                    console.line("  repair: removed " + name + " (" + unconfirmed.getConfig().getImage() + "), which the killed "
                            + "deploy had started and never confirmed ready");
                });
        if (inspect(docker, name).isEmpty()) {
            for (String parked : List.of(previousName(name), name + "-rolled-back")) {
                Optional<InspectContainerResponse> found = inspect(docker, parked);
                if (found.isPresent()) {
                    docker.renameContainerCmd(found.get().getId()).withName(name).exec();
                    console.line("  repair: " + parked + " (" + found.get().getConfig().getImage() + ") is " + name + " again");
                    break;
                }
            }
        }
        inspect(docker, name).filter(c -> !Boolean.TRUE.equals(c.getState().getRunning())).ifPresent(stopped -> {
            docker.startContainerCmd(stopped.getId()).exec();
            console.line("  repair: started " + name + " (" + stopped.getConfig().getImage() + ") again, which the killed "
                    + "deploy had stopped");
        });
    }

    /** The container the repair of a killed deploy started again must get ready, like any restored one. */
    private String confirmReady(DockerClient docker, DeploySpec spec, InspectContainerResponse restored, Evidence evidence,
                                LogSink console) throws InterruptedException {
        String image = restored.getConfig().getImage();
        try (ContainerEvents events = new ContainerEvents(docker, spec.name())) {
            events.follow(restored.getId(), Instant.now().minusSeconds(60));
            Run run = watch(docker, spec, restored.getId(), image, events, evidence, "rollback-");
            String note = run.failure().isEmpty()
                    ? "restored the container the killed deploy had replaced (" + image + "), confirmed ready after "
                    + run.readyAfter().toMillis() + " ms"
                    : "the container the killed deploy had replaced (" + image + ") did not get ready: "
                    + run.failure().get().summary();
            console.line(note);
            return note;
        } catch (IOException e) {
            throw new MlshipException("lost the Docker event stream of " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private String restorePrevious(DockerClient docker, DeploySpec spec, Evidence evidence, LogSink console) throws InterruptedException {
        InspectContainerResponse previous = inspect(docker, previousName(spec.name())).orElseThrow();
        docker.renameContainerCmd(previous.getId()).withName(spec.name()).exec();
        String image = previous.getConfig().getImage();
        console.line("rolling back: starting the previous container (" + image + ") as " + spec.name());
        try (ContainerEvents events = new ContainerEvents(docker, spec.name())) {
            events.follow(previous.getId(), lastFinished(docker, previous.getId()));
            docker.startContainerCmd(previous.getId()).exec();
            Run run = watch(docker, spec, previous.getId(), image, events, evidence, "rollback-");
            String note = run.failure().isEmpty()
                    ? "restored the previous container (" + image + "), confirmed ready after " + run.readyAfter().toMillis() + " ms"
                    : "the previous container (" + image + ") did not get ready either: " + run.failure().get().summary();
            console.line(note);
            return note;
        } catch (IOException e) {
            throw new MlshipException("lost the Docker event stream of " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** How watching one container ended. */
    private record Run(String containerId, Optional<RolloutFailure> failure, Duration readyAfter, Instant decidedAt) {
    }

    private Run runAndWatch(DockerClient docker, DeploySpec spec, String image, Evidence evidence, LogSink console)
            throws InterruptedException {
        ExposedPort port = ExposedPort.tcp(spec.port());
        Ports bindings = new Ports();
        bindings.bind(port, spec.docker().hostPort().map(p -> Ports.Binding.bindIpAndPort(spec.docker().hostIp(), p))
                .orElse(Ports.Binding.bindIp(spec.docker().hostIp())));
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withRestartPolicy(RestartPolicy.onFailureRestart(spec.docker().restartRetries()));
        spec.resources().memoryLimit().ifPresent(m -> host.withMemory(m.bytes()).withMemorySwap(m.bytes())); // no swap, like a pod
        spec.resources().cpuLimit().ifPresent(c -> host.withNanoCPUs(Math.round(c.cores() * 1e9)));
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        try (ContainerEvents events = new ContainerEvents(docker, spec.name())) {
            String id = docker.createContainerCmd(image).withName(spec.name())
                    .withLabels(Map.of(LABEL, spec.name(), IMAGE_LABEL, image,
                            ProcessOwner.LABEL, ProcessOwner.current().label(), ProcessOwner.ROLE_LABEL, "model"))
                    .withEnv(env).withExposedPorts(port).withHostConfig(host).exec().getId();
            LogSink objects = evidence.source("objects", SourceKind.OBJECTS);
            objects.line("# container " + spec.name() + " (" + id + ")");
            objects.line("image: " + image);
            objects.line("limits: " + spec.resources().describeLimits());
            // Docker calls it on-failure:N; written in words the log classifier does not take for an error.
            objects.line("restartPolicy: onFailure, maximumRetryCount: " + spec.docker().restartRetries());
            objects.line("port: " + spec.docker().hostIp() + ":" + spec.docker().hostPort().map(String::valueOf).orElse("(any)")
                    + " -> " + spec.port());
            console.line("  created container " + spec.name() + " (" + id.substring(0, 12) + "), limits " + spec.resources().describeLimits());
            events.follow(id, lastFinished(docker, id));
            docker.startContainerCmd(id).exec();
            return watch(docker, spec, id, image, events, evidence, "");
        } catch (IOException e) {
            throw new MlshipException("lost the Docker event stream of " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private Run watch(DockerClient docker, DeploySpec spec, String id, String image, ContainerEvents events, Evidence evidence,
                      String evidencePrefix) throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + hostPort(docker, id, spec.port()) + "/");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ReadinessProbe.Outcome ready = new ReadinessProbe(http)
                .await(base.resolve(spec.readiness().path()), spec.policy().readinessWindow(), () -> events.firstDeath().isEmpty());
        Instant decided = Instant.now();
        if (ready.ready()) {
            return new Run(id, Optional.empty(), ready.waited(), decided);
        }
        if (events.oomKilled()) {
            events.awaitDeath(2_000); // the "die" event with the exit code follows the "oom" one
        }
        String limits = spec.resources().describeLimits();
        String logSource = evidencePrefix + "container-" + spec.name();
        LogSink log = evidence.source(logSource, SourceKind.CONTAINER);
        logs(docker, id, -1).forEach(log::line);
        LogSink seen = evidence.source(evidencePrefix + "events", SourceKind.EVENTS);
        events.all().forEach(e -> seen.line(e.describe()));
        List<String> lastLines = evidence.lastLines(logSource, TAIL_LINES); // as stored: secrets masked
        Optional<ContainerEvents.Seen> death = events.firstDeath();
        RolloutFailure failure;
        if (events.oomKilled()) {
            failure = new RolloutFailure(FailureReason.OOM_KILLED, Optional.empty(), Optional.of(spec.name() + " (" + image + ")"),
                    death.flatMap(ContainerEvents.Seen::exitCode).or(() -> Optional.of(137)), events.restarts(), limits,
                    "the kernel killed it for using more memory than its limit", lastLines);
        } else if (death.isPresent()) {
            failure = new RolloutFailure(FailureReason.EXITED, Optional.empty(), Optional.of(spec.name() + " (" + image + ")"),
                    death.get().exitCode(), events.restarts(), limits, "it exited before it was ready", lastLines);
        } else {
            failure = new RolloutFailure(FailureReason.NOT_READY, Optional.empty(), Optional.of(spec.name() + " (" + image + ")"), Optional.empty(),
                    events.restarts(), limits, "GET " + spec.readiness().path() + " did not answer 200 within "
                    + spec.policy().readinessWindow().toSeconds() + " s (last: " + ready.lastAnswer() + ")", lastLines);
        }
        return new Run(id, Optional.of(failure), ready.waited(), decided);
    }

    /** When the container last stopped ("0001-01-01T00:00:00Z" for one never started), on the daemon's clock. */
    private static Instant lastFinished(DockerClient docker, String id) {
        String finished = docker.inspectContainerCmd(id).exec().getState().getFinishedAt();
        return finished == null ? Instant.EPOCH.minusSeconds(1) : Instant.parse(finished);
    }

    private static String hostPort(DockerClient docker, String id, int containerPort) {
        Ports.Binding[] bound = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(containerPort));
        if (bound == null || bound.length == 0) {
            throw new MlshipException("Docker did not publish port " + containerPort + " of container " + id);
        }
        return bound[0].getHostPortSpec();
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
    private static void requireImage(DockerClient docker, DeploySpec spec) {
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

    private static Optional<InspectContainerResponse> inspect(DockerClient docker, String name) {
        try {
            return Optional.of(docker.inspectContainerCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static void stop(DockerClient docker, String id) {
        try {
            docker.stopContainerCmd(id).withTimeout(10).exec();
        } catch (com.github.dockerjava.api.exception.NotModifiedException alreadyStopped) {
            // stopped already: the goal is reached
        }
    }

    private static void remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed by someone else: the goal is reached
        }
    }

    /** A result of {@code outcome} with the evidence kept so far and the time taken until now. */
    private static DeployResult.Builder result(DeployRequest request, String image, DeployOutcome outcome, Evidence evidence,
                                               Instant start) {
        return DeployResult.builder("docker", request.spec().name(), image, request.logDirectory())
                .outcome(outcome).evidence(evidence.files()).duration(Duration.between(start, Instant.now()));
    }

    /** The short container id {@code docker ps} shows, as the revision. */
    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
