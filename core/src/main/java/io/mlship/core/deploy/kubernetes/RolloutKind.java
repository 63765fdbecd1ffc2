package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;

/**
 * What the rollout watch needs to know about one kind of workload (a Deployment with its ReplicaSets,
 * a DeploymentConfig with its ReplicationControllers): what to inform on, and how to judge a moment.
 */
public interface RolloutKind {

    /** The judgement of one moment: a verdict, or a status line and when to look again without a change. */
    record State(RolloutWatch.Verdict verdict, String status, Instant nextCheck) {

        public static State waiting(String status, Instant nextCheck) {
            return new State(null, status, nextCheck);
        }

        public static State decided(RolloutWatch.Verdict verdict) {
            return new State(verdict, "", null);
        }
    }

    SharedIndexInformer<? extends HasMetadata> informWorkload(KubernetesClient client, String namespace, String name,
                                                              ResourceEventHandler<HasMetadata> handler);

    /** The workload's revisions: ReplicaSets or ReplicationControllers, by the deploy's selector label. */
    SharedIndexInformer<? extends HasMetadata> informRevisions(KubernetesClient client, String namespace, String name,
                                                               ResourceEventHandler<HasMetadata> handler);

    State judge(long generation, List<? extends HasMetadata> workloads, List<? extends HasMetadata> revisions, List<Pod> pods,
                PodJudge podJudge, Instant now);
}
