package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides from a pod's status alone whether its rollout can still succeed by waiting. A pure function
 * of the status shapes the kubelet and the scheduler write, so it is tested on exactly those shapes.
 */
final class PodFailureClassifier {

    private static final Set<String> IMAGE_PULL = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");
    private static final Set<String> CONFIG = Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");
    /** The scheduler's message when no node has room; more nodes of the same kind would not change it quickly. */
    private static final Pattern INSUFFICIENT = Pattern.compile("Insufficient (cpu|memory)");

    private PodFailureClassifier() {
    }

    /**
     * @param crashLoopRestarts restarts after which a container in CrashLoopBackOff fails the rollout
     * @return the failure (without log lines; the watch adds them), or empty while the pod may still get ready
     */
    public static Optional<RolloutFailure> classify(Pod pod, int crashLoopRestarts) {
        String podName = pod.getMetadata().getName();
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        for (ContainerStatus status : statuses) {
            Optional<RolloutFailure> failure = classify(pod, podName, status, crashLoopRestarts);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return unschedulable(pod, podName);
    }

    private static Optional<RolloutFailure> classify(Pod pod, String podName, ContainerStatus status, int crashLoopRestarts) {
        int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
        String limits = limitsOf(pod, status.getName());
        ContainerStateTerminated current = status.getState() == null ? null : status.getState().getTerminated();
        ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
        for (ContainerStateTerminated terminated : new ContainerStateTerminated[] {current, last}) {
            if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
                return Optional.of(new RolloutFailure(FailureReason.OOM_KILLED, Optional.of(podName), Optional.of(status.getName()),
                        Optional.ofNullable(terminated.getExitCode()), restarts, limits,
                        "the kernel killed it for using more memory than its limit", List.of()));
            }
        }
        if (waiting == null || waiting.getReason() == null) {
            return Optional.empty();
        }
        String reason = waiting.getReason();
        String message = waiting.getMessage() == null ? reason : reason + ": " + waiting.getMessage();
        if (IMAGE_PULL.contains(reason)) {
            return Optional.of(new RolloutFailure(FailureReason.IMAGE_PULL, Optional.of(podName), Optional.of(status.getName()),
                    Optional.empty(), restarts, limits, message, List.of()));
        }
        if (CONFIG.contains(reason)) {
            return Optional.of(new RolloutFailure(FailureReason.CONFIG_ERROR, Optional.of(podName), Optional.of(status.getName()),
                    Optional.empty(), restarts, limits, message, List.of()));
        }
        if ("CrashLoopBackOff".equals(reason) && restarts >= crashLoopRestarts) {
            String lastExit = last == null ? "" : "; it last ended with " + (last.getReason() == null ? "" : last.getReason() + ", ")
                    + "exit code " + last.getExitCode();
            return Optional.of(new RolloutFailure(FailureReason.CRASH_LOOP, Optional.of(podName), Optional.of(status.getName()),
                    Optional.ofNullable(last == null ? null : last.getExitCode()), restarts, limits,
                    "restarted " + restarts + " times" + lastExit, List.of()));
        }
        return Optional.empty();
    }

    private static Optional<RolloutFailure> unschedulable(Pod pod, String podName) {
        List<PodCondition> conditions = pod.getStatus().getConditions() == null ? List.of() : pod.getStatus().getConditions();
        for (PodCondition condition : conditions) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "Unschedulable".equals(condition.getReason()) && condition.getMessage() != null
                    && INSUFFICIENT.matcher(condition.getMessage()).find()) {
                return Optional.of(new RolloutFailure(FailureReason.UNSCHEDULABLE, Optional.of(podName), Optional.empty(),
                        Optional.empty(), 0, limitsOf(pod, firstContainer(pod)),
                        condition.getMessage() + " (the pod requests " + requestsOf(pod) + ")", List.of()));
            }
        }
        return Optional.empty();
    }

    /** Whether the pod reports Ready=True (its readiness probe passes). */
    public static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Whether every container of the pod runs (so "not ready" is the readiness probe's verdict). */
    public static boolean running(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream().allMatch(s -> s.getState() != null && s.getState().getRunning() != null);
    }

    static String limitsOf(Pod pod, String containerName) {
        return resourcesOf(pod, containerName, true);
    }

    private static String firstContainer(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getContainers().isEmpty() ? "" : pod.getSpec().getContainers().get(0).getName();
    }

    private static String requestsOf(Pod pod) {
        return resourcesOf(pod, firstContainer(pod), false);
    }

    private static String resourcesOf(Pod pod, String containerName, boolean limits) {
        if (pod.getSpec() == null) {
            return "no limits";
        }
        List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        return containers.stream().filter(c -> c.getName().equals(containerName)).findFirst()
                .map(c -> c.getResources() == null ? null : limits ? c.getResources().getLimits() : c.getResources().getRequests())
                .filter(m -> !m.isEmpty())
                .map(PodFailureClassifier::describe)
                .orElse(limits ? "no limits" : "no requests");
    }

    private static String describe(Map<String, Quantity> amounts) {
        StringBuilder text = new StringBuilder();
        for (String key : new String[] {"memory", "cpu"}) {
            if (amounts.containsKey(key)) {
                text.append(text.length() > 0 ? ", " : "").append(key).append(' ').append(amounts.get(key).toString());
            }
        }
        return text.toString();
    }
}
