package io.mlship.core.diagnose;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mlship.core.MlshipException;
import java.util.List;
import java.util.regex.Pattern;

/** The pods being diagnosed: the pod named NAME, else the pods of the Deployment/StatefulSet NAME (by name prefix). */
record PodSet(String namespace, String name, List<Pod> pods) {

    /** The pods; with {@code required} false an empty set when there are none (the history may still know them). */
    static PodSet find(KubernetesClient client, DiagnoseRequest request, boolean required) {
        String ns = request.namespace();
        String name = request.name();
        try {
            Pod pod = client.pods().inNamespace(ns).withName(name).get();
            if (pod != null) {
                return new PodSet(ns, name, List.of(pod));
            }
            Pattern owned = Pattern.compile(Pattern.quote(name) + "-[a-z0-9]+(-[a-z0-9]+)?");
            List<Pod> pods = client.pods().inNamespace(ns).list().getItems().stream()
                    .filter(p -> owned.matcher(p.getMetadata().getName()).matches()).toList();
            if (pods.isEmpty() && required) {
                throw new MlshipException("no pod `" + name + "` and no pods of a workload `" + name + "` (" + name
                        + "-…) in namespace " + ns + " on " + client.getMasterUrl() + "; check --name and --namespace"
                        + " (kubectl get pods -n " + ns + "), or diagnose its history with --prometheus");
            }
            return new PodSet(ns, name, pods);
        } catch (KubernetesClientException e) {
            throw new MlshipException("cannot read the pods of namespace " + ns + " from " + client.getMasterUrl() + ": "
                    + e.getMessage() + "; check the connection and that the account may list pods", e);
        }
    }

    String describe() {
        return pods.size() + " pod(s) of " + name + " in namespace " + namespace + ": "
                + String.join(", ", pods.stream().map(p -> p.getMetadata().getName()).toList());
    }
}
