package io.mlship.core.diagnose;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The events of the pods: {@code Evicted} (the kubelet's, naming the resource it ran short of), {@code Killing},
 * {@code BackOff}. There is no OOM event in Kubernetes (kubernetes#69676); the node's {@code OOMKilling} event
 * names a process, not a pod, so it is recorded but not counted.
 */
final class PodEventsEvidence {

    static final String SOURCE = "pod events";

    private PodEventsEvidence() {
    }

    static void read(KubernetesClient client, PodSet set, Observations o) {
        for (Pod pod : set.pods()) {
            String name = pod.getMetadata().getName();
            try {
                for (Event e : client.v1().events().inNamespace(set.namespace())
                        .withField("involvedObject.name", name).list().getItems()) {
                    if (e.getInvolvedObject() != null && !name.equals(e.getInvolvedObject().getName())) {
                        continue; // a server that ignores the field selector
                    }
                    String reason = e.getReason() == null ? "" : e.getReason();
                    switch (reason) {
                        case "Evicted" -> {
                            o.evicted = true;
                            o.saw(SOURCE, name + " Evicted", e.getMessage());
                        }
                        case "Killing", "BackOff", "OOMKilling", "Unhealthy" -> o.saw(SOURCE, name + " " + reason, e.getMessage());
                        default -> { }
                    }
                }
            } catch (KubernetesClientException e) {
                o.saw(SOURCE, name, "events not readable: " + e.getMessage());
            }
        }
    }
}
