package io.mlship.core.deploy;

import java.util.List;
import java.util.Optional;

/**
 * What failed a rollout, precisely enough to act on: which pod and container, why, its exit code,
 * the limits it ran under and the last lines it wrote.
 *
 * @param pod       the pod (Kubernetes) or container (Docker) that failed; empty when no single one did
 * @param detail    the platform's own words (waiting message, scheduler message, condition message)
 * @param lastLines the last log lines of the failing container (of its previous instance after a restart)
 */
public record RolloutFailure(FailureReason reason, Optional<String> pod, Optional<String> container,
                             Optional<Integer> exitCode, int restarts, String limits, String detail,
                             List<String> lastLines) {

    public RolloutFailure {
        lastLines = lastLines == null ? List.of() : List.copyOf(lastLines);
    }

    public RolloutFailure withLastLines(List<String> lines) {
        return new RolloutFailure(reason, pod, container, exitCode, restarts, limits, detail, lines);
    }

    /** One line: "pod iris-7d9-x container model: OOMKilled, exit code 137, 1 restart, limits memory 24Mi — detail". */
    public String summary() {
        StringBuilder text = new StringBuilder();
        pod.ifPresent(p -> text.append("pod ").append(p));
        container.ifPresent(c -> text.append(text.length() > 0 ? " " : "").append("container ").append(c));
        text.append(text.length() > 0 ? ": " : "").append(reason.label());
        exitCode.ifPresent(code -> text.append(", exit code ").append(code));
        if (restarts > 0) {
            text.append(", ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
        }
        text.append(", limits ").append(limits);
        if (!detail.isBlank()) {
            text.append(" - ").append(detail);
        }
        return text.toString();
    }
}
