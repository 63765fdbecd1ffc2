package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlship.core.deploy.Evidence;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.SourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps what a failed rollout leaves to explain it, before a rollback replaces the pods: the log of
 * every container (init containers included) of every pod of the deploy, and of its previous instance
 * when it restarted; the events of the Deployment, its ReplicaSets and pods; the objects as applied.
 */
final class EvidenceCollector {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public EvidenceCollector(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    public void objects(List<HasMetadata> objects, Evidence evidence) {
        LogSink yaml = evidence.source("objects", SourceKind.OBJECTS);
        for (HasMetadata object : objects) {
            Serialization.asYaml(object).lines().forEach(yaml::line);
        }
    }

    public void collect(Evidence evidence) {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list().getItems();
        Set<String> involved = new HashSet<>();
        involved.add(name);
        client.apps().replicaSets().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list().getItems()
                .forEach(rs -> involved.add(rs.getMetadata().getName()));
        for (Pod pod : pods) {
            involved.add(pod.getMetadata().getName());
            List<ContainerStatus> statuses = new ArrayList<>();
            if (pod.getStatus() != null) {
                statuses.addAll(Objects.requireNonNullElse(pod.getStatus().getInitContainerStatuses(), List.of()));
                statuses.addAll(Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.of()));
            }
            for (ContainerStatus status : statuses) {
                String podName = pod.getMetadata().getName();
                copyLog(podName, status.getName(), false, evidence.source(podSource(podName, status.getName(), false), SourceKind.POD));
                if (status.getRestartCount() != null && status.getRestartCount() > 0) {
                    copyLog(podName, status.getName(), true, evidence.source(podSource(podName, status.getName(), true), SourceKind.POD));
                }
            }
        }
        LogSink events = evidence.source("events", SourceKind.EVENTS);
        client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && involved.contains(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(EvidenceCollector::time))
                .forEach(e -> events.line(time(e) + " " + e.getType() + " " + e.getReason() + " "
                        + e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName() + ": " + e.getMessage()
                        + (e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "")));
    }

    private static String time(Event event) {
        return Objects.requireNonNullElse(event.getLastTimestamp(), Objects.requireNonNullElse(event.getFirstTimestamp(), ""));
    }

    private void copyLog(String pod, String container, boolean previous, LogSink sink) {
        String text = log(pod, container, previous);
        text.lines().forEach(sink::line);
    }

    /** The evidence source holding a container's log (of its previous instance when {@code previous}). */
    public static String podSource(String pod, String container, boolean previous) {
        return "pod-" + pod + "-" + container + (previous ? "-previous" : "");
    }

    private String log(String pod, String container, boolean previous) {
        try {
            var resource = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
            return Objects.requireNonNullElse(previous ? resource.terminated().getLog() : resource.getLog(), "");
        } catch (KubernetesClientException e) {
            // A pod that never started a container has no log: say so in the evidence instead of failing.
            return "(no log: " + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()) + ")";
        }
    }
}
