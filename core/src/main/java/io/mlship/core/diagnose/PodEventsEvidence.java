package io.mlship.core.diagnose;

import io.fabric8.kubernetes.api.model.Event;
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
        java.util.Set<String> names = new java.util.HashSet<>();
        set.pods().forEach(p -> names.add(p.getMetadata().getName()));
        java.util.List<Event> events;
        try {
            // one list of the namespace, filtered here: field selectors on involvedObject are not served everywhere
            events = client.v1().events().inNamespace(set.namespace()).list().getItems();
        } catch (KubernetesClientException e) {
            o.saw(SOURCE, "events", "not readable: " + e.getMessage());
            return;
        }
        for (Event e : events) {
            String name = e.getInvolvedObject() == null ? null : e.getInvolvedObject().getName();
            if (name == null || !names.contains(name)) {
                continue;
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
    }
}
