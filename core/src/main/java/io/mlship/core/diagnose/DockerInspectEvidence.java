package io.mlship.core.diagnose;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import io.mlship.core.common.MemorySize;
import java.util.Optional;

/**
 * The daemon's inspect: State.OOMKilled, the exit code, the restart count and the limits. Docker sets OOMKilled when
 * any OOM kill happened in the container's cgroup during its life, so it counts as a kill of the container only
 * together with exit code 137; with another exit code the victim was a child.
 */
final class DockerInspectEvidence {

    static final String SOURCE = "docker inspect";

    private DockerInspectEvidence() {
    }

    static void read(DockerContainer container, Observations o) {
        InspectContainerResponse.ContainerState state = container.inspect().getState();
        boolean running = container.running();
        boolean oomKilled = Boolean.TRUE.equals(state.getOOMKilled());
        Long exitCode = state.getExitCodeLong();
        o.running = Optional.of(running);
        o.saw(SOURCE, "State.Status", state.getStatus());
        o.saw(SOURCE, "State.OOMKilled", oomKilled);
        if (!running) {
            o.saw(SOURCE, "State.ExitCode", exitCode);
        }
        Integer restarts = container.inspect().getRestartCount();
        o.restarts = restarts == null ? 0 : restarts;
        o.saw(SOURCE, "RestartCount", o.restarts);
        if (!running && exitCode != null && exitCode == 137) {
            o.sigkill = true;
            if (oomKilled) {
                o.mainOomKilled = true;
            }
        } else if (!running && oomKilled) {
            o.childOomKills = Math.max(o.childOomKills, 1);
        }
        HostConfig host = container.inspect().getHostConfig();
        if (host != null && host.getMemory() != null && host.getMemory() > 0) {
            o.memoryLimit = Optional.of(new MemorySize(host.getMemory()));
            o.saw(SOURCE, "HostConfig.Memory", Quantities.memory(host.getMemory()));
        }
        if (host != null && host.getNanoCPUs() != null && host.getNanoCPUs() > 0) {
            o.cpuLimit = Optional.of(host.getNanoCPUs() / 1e9);
        } else if (host != null && host.getCpuQuota() != null && host.getCpuQuota() > 0 && host.getCpuPeriod() != null && host.getCpuPeriod() > 0) {
            o.cpuLimit = Optional.of(host.getCpuQuota() / (double) host.getCpuPeriod());
        }
        o.cpuLimit.ifPresent(c -> o.saw(SOURCE, "HostConfig CPU limit", Quantities.cpu(c)));
    }
}
