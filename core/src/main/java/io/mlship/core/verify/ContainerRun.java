package io.mlship.core.verify;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.docker.ProcessOwner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of the image under a memory limit: start, follow logs and memory, wait for readiness,
 * send the samples, inspect how it ended. The container is removed in every case, also on errors
 * and interruption.
 */
final class ContainerRun {

    /** Label on every container mlship starts for a verification, so leftovers are easy to find. */
    static final String LABEL = "io.mlship.verify";
    /** Its role: a killed verification's container is removed by the next run (see ContainerOrphans). */
    static final String ROLE = "verify";

    record Outcome(boolean oomKilled, boolean stillRunning, Integer exitCode, MemorySize peak, List<MemorySample> memorySeries,
                   ReadinessProbe.Outcome readiness, List<SampleOutcome> samples, List<String> logTail, Path log) {
    }

    private final DockerClient docker;
    private final HttpClient http;

    ContainerRun(DockerClient docker, HttpClient http) {
        this.docker = docker;
        this.http = http;
    }

    Outcome run(VerifyRequest request, int containerPort, MemorySize limit, LogSource containerLog) throws InterruptedException {
        ExposedPort port = ExposedPort.tcp(containerPort);
        Ports bindings = new Ports();
        bindings.bind(port, Ports.Binding.bindIp("127.0.0.1")); // an ephemeral host port on loopback only
        HostConfig limits = HostConfig.newHostConfig()
                .withMemory(limit.bytes())
                .withMemorySwap(limit.bytes()) // no swap: a pod on Kubernetes has none either
                .withNanoCPUs(Math.round(request.cpus() * 1e9))
                .withPortBindings(bindings);
        String name = "mlship-verify-" + UUID.randomUUID().toString().substring(0, 8);
        CreateContainerResponse created;
        try {
            created = docker.createContainerCmd(request.image().value())
                    .withName(name)
                    .withLabels(Map.of(LABEL, "true", ProcessOwner.LABEL, ProcessOwner.current().label(),
                            ProcessOwner.ROLE_LABEL, ROLE))
                    .withEnv(request.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withExposedPorts(port)
                    .withHostConfig(limits)
                    .exec();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Stopped while the daemon created it: the id never came back, so it is removed by its name.
                remove(name);
                InterruptedException stopped = new InterruptedException("stopped while creating the verification container");
                stopped.initCause(e);
                Thread.interrupted();
                throw stopped;
            }
            throw e;
        }
        String id = created.getId();
        try {
            docker.startContainerCmd(id).exec();
            try (ContainerLogFollower logs = ContainerLogFollower.follow(docker, id, containerLog);
                 MemoryMonitor memory = MemoryMonitor.follow(docker, id)) {
                URI base = URI.create("http://127.0.0.1:" + hostPort(id, port) + "/");
                ReadinessProbe.Outcome readiness = new ReadinessProbe(http)
                        .await(base.resolve(request.readyPath()), request.readyTimeout(), () -> isRunning(id));
                List<SampleOutcome> samples = readiness.ready()
                        ? new SampleRunner(http).run(base, request.inferPath(), request.samples())
                        : List.of();
                awaitNextMemorySample(memory);
                InspectContainerResponse.ContainerState state = settledState(id);
                boolean running = Boolean.TRUE.equals(state.getRunning());
                // Everything is judged: kill and remove now (no graceful stop to wait for); the log
                // stream then ends and drains what was still in flight.
                remove(id);
                logs.drain();
                return new Outcome(Boolean.TRUE.equals(state.getOOMKilled()), running,
                        running ? null : state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue(),
                        memory.peak(), memory.series(), readiness, samples, logs.lastLines(), containerLog.file());
            } catch (IOException e) {
                throw new MlshipException("lost the log or stats stream of container " + id + ": " + e.getMessage(), e);
            }
        } finally {
            remove(id);
        }
    }

    /**
     * The container's state once Docker has recorded why it ended: the daemon learns of an OOM kill
     * from a separate event that can arrive just after the exit, so an exit 137 without the OOM flag is
     * asked about again for a moment before it counts as a plain kill.
     */
    private InspectContainerResponse.ContainerState settledState(String id) throws InterruptedException {
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
        for (int i = 0; i < 20 && !Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getOOMKilled())
                && Long.valueOf(137).equals(state.getExitCodeLong()); i++) {
            Thread.sleep(100);
            state = docker.inspectContainerCmd(id).exec().getState();
        }
        return state;
    }

    private String hostPort(String id, ExposedPort port) {
        Ports.Binding[] bound = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings().get(port);
        if (bound == null || bound.length == 0) {
            throw new MlshipException("Docker did not publish container port " + port + " of the verification container");
        }
        return bound[0].getHostPortSpec();
    }

    private boolean isRunning(String id) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
    }

    /**
     * The stats stream reports about once a second; one more sample covers the last requests (the
     * cgroup's high-water mark in it includes them). Bounded, so a stalled stream cannot hang us.
     */
    private static void awaitNextMemorySample(MemoryMonitor memory) throws InterruptedException {
        int seen = memory.sampleCount();
        for (int i = 0; i < 60 && memory.sampleCount() == seen; i++) {
            Thread.sleep(25);
        }
    }

    /**
     * Removes the container also when the run was stopped (SIGTERM, an abort): with the interrupt flag set, every
     * daemon call would fail at once (the channel closes on interrupt), so the flag is held back for this call and
     * set again after it.
     */
    private void remove(String id) {
        boolean interrupted = Thread.interrupted();
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed by someone else: the goal is reached
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
