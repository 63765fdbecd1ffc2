package io.mlship.core.shadow.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mlship.core.shadow.judge.CandidateHealth;
import java.io.Closeable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candidate's pods as the kubelet reports them, through a watch (the judge polls every 100 ms; this answers from
 * what the watch delivered, with no API call): an OOMKilled container state counts an OOM kill, restart counts are
 * restarts, a pod in phase Failed (evicted, say) is fatal. Counts are kept per pod, so a pod replaced by its
 * ReplicaSet still counts.
 */
final class CandidatePods implements Closeable, CandidateHealth.Watch {

    private record Seen(int oomKills, int restarts, String fatal) {
    }

    private final Map<String, Seen> pods = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;

    CandidatePods(KubernetesClient client, ShadowNames names) {
        informer = client.pods().inNamespace(names.namespace())
                .withLabels(Map.of(ShadowNames.ID_LABEL, names.id(), ShadowNames.ROLE_LABEL, "candidate"))
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        seen(pod);
                    }

                    @Override
                    public void onUpdate(Pod old, Pod pod) {
                        seen(pod);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        seen(pod);
                    }
                });
    }

    private void seen(Pod pod) {
        if (pod.getStatus() == null) {
            return;
        }
        int ooms = 0;
        int restarts = 0;
        String fatal = null;
        for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
            restarts += c.getRestartCount() == null ? 0 : c.getRestartCount();
            if (oomKilled(c.getState()) || oomKilled(c.getLastState())) {
                ooms++;
            }
        }
        if ("Failed".equals(pod.getStatus().getPhase())) {
            fatal = "the candidate pod " + pod.getMetadata().getName() + " failed"
                    + (pod.getStatus().getReason() == null ? "" : " (" + pod.getStatus().getReason() + ")");
        }
        String uid = pod.getMetadata().getUid() == null ? pod.getMetadata().getName() : pod.getMetadata().getUid();
        Seen next = new Seen(ooms, restarts, fatal);
        pods.merge(uid, next, (a, b) -> new Seen(Math.max(a.oomKills, b.oomKills), Math.max(a.restarts, b.restarts),
                a.fatal != null ? a.fatal : b.fatal));
    }

    private static boolean oomKilled(ContainerState state) {
        return state != null && state.getTerminated() != null && "OOMKilled".equals(state.getTerminated().getReason());
    }

    @Override
    public CandidateHealth now() {
        int ooms = 0;
        int restarts = 0;
        String fatal = null;
        for (Seen s : pods.values()) {
            ooms += s.oomKills;
            restarts += s.restarts;
            fatal = fatal != null ? fatal : s.fatal;
        }
        return new CandidateHealth(ooms, restarts, Optional.ofNullable(fatal));
    }

    @Override
    public void close() {
        informer.close();
    }
}
