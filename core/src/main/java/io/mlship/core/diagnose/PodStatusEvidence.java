package io.mlship.core.diagnose;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mlship.core.common.MemorySize;
import java.util.Optional;

/**
 * Pod status: {@code status.reason=Evicted}, each container's {@code state}/{@code lastState.terminated} (reason
 * OOMKilled, exit code 137) and restart count, and the limits in the spec. Kubernetes emits no OOM event, so the
 * terminated reason is the evidence of an OOM kill; 137 with another reason is a SIGKILL from elsewhere. The memory
 * limit is the OOM-killed container's (the largest of them), else the largest in the pods' specs.
 */
final class PodStatusEvidence {

    static final String SOURCE = "pod status";

    private PodStatusEvidence() {
    }

    static void read(PodSet set, Observations o) {
        boolean allRunning = true;
        // The limit a container was OOM-killed under is the one to raise, not a larger one of a sidecar in its pod.
        Optional<MemorySize> killedUnder = Optional.empty();
        for (Pod pod : set.pods()) {
            String pod_ = pod.getMetadata().getName();
            if (pod.getStatus() == null) {
                allRunning = false;
                continue;
            }
            if ("Evicted".equals(pod.getStatus().getReason())) {
                o.evicted = true;
                o.saw(SOURCE, pod_ + " status.reason", "Evicted: " + pod.getStatus().getMessage());
            }
            for (Container c : pod.getSpec() == null ? java.util.List.<Container>of() : pod.getSpec().getContainers()) {
                limits(c, o);
            }
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                String where = pod_ + "/" + status.getName();
                o.restarts += status.getRestartCount() == null ? 0 : status.getRestartCount();
                o.saw(SOURCE, where + " restartCount", status.getRestartCount());
                boolean running = status.getState() != null && status.getState().getRunning() != null;
                allRunning &= running;
                boolean killed = terminated(where + " state.terminated", status.getState() == null ? null : status.getState().getTerminated(), o);
                killed |= terminated(where + " lastState.terminated", status.getLastState() == null ? null : status.getLastState().getTerminated(), o);
                Optional<MemorySize> limit = killed ? memoryLimit(pod, status.getName()) : Optional.empty();
                if (limit.isPresent() && killedUnder.map(k -> k.bytes() < limit.get().bytes()).orElse(true)) {
                    killedUnder = limit;
                }
            }
        }
        if (killedUnder.isPresent()) {
            o.memoryLimit = killedUnder;
        }
        o.running = Optional.of(allRunning && !o.evicted);
    }

    /** @return whether the container was OOM-killed */
    private static boolean terminated(String where, ContainerStateTerminated t, Observations o) {
        if (t == null) {
            return false;
        }
        o.saw(SOURCE, where, "reason " + t.getReason() + ", exitCode " + t.getExitCode()
                + (t.getSignal() != null ? ", signal " + t.getSignal() : ""));
        if (Integer.valueOf(137).equals(t.getExitCode()) || Integer.valueOf(9).equals(t.getSignal())) {
            o.sigkill = true;
        }
        if ("OOMKilled".equals(t.getReason())) {
            o.mainOomKilled = true;
            return true;
        }
        return false;
    }

    private static Optional<MemorySize> memoryLimit(Pod pod, String container) {
        return (pod.getSpec() == null ? java.util.List.<Container>of() : pod.getSpec().getContainers()).stream()
                .filter(c -> container.equals(c.getName()) && c.getResources() != null && c.getResources().getLimits() != null)
                .map(c -> c.getResources().getLimits().get("memory")).filter(java.util.Objects::nonNull)
                .map(q -> new MemorySize(Quantity.getAmountInBytes(q).longValue())).findFirst();
    }

    private static void limits(Container c, Observations o) {
        if (c.getResources() == null || c.getResources().getLimits() == null) {
            return;
        }
        Quantity memory = c.getResources().getLimits().get("memory");
        if (memory != null) {
            long bytes = Quantity.getAmountInBytes(memory).longValue();
            if (o.memoryLimit.map(l -> l.bytes() < bytes).orElse(true)) {
                o.memoryLimit = Optional.of(new MemorySize(bytes));
            }
            o.saw(SOURCE, c.getName() + " limits.memory", memory.toString());
        }
        Quantity cpu = c.getResources().getLimits().get("cpu");
        if (cpu != null) {
            o.cpuLimit = Optional.of(Quantity.getAmountInBytes(cpu).doubleValue());
            o.saw(SOURCE, c.getName() + " limits.cpu", cpu.toString());
        }
    }
}
