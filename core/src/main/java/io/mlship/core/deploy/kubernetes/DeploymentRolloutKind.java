package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Deployment's rollout, judged as `kubectl rollout status` does, with the pods of the new ReplicaSet failing it fast. */
final class DeploymentRolloutKind implements RolloutKind {

    @Override
    @SuppressWarnings("unchecked")
    public SharedIndexInformer<? extends HasMetadata> informWorkload(KubernetesClient client, String namespace, String name,
                                                                     ResourceEventHandler<HasMetadata> handler) {
        return client.apps().deployments().inNamespace(namespace).withName(name)
                .inform((ResourceEventHandler<Deployment>) (ResourceEventHandler<?>) handler);
    }

    @Override
    @SuppressWarnings("unchecked")
    public SharedIndexInformer<? extends HasMetadata> informRevisions(KubernetesClient client, String namespace, String name,
                                                                      ResourceEventHandler<HasMetadata> handler) {
        return client.apps().replicaSets().inNamespace(namespace).withLabels(ModelLabels.selector(name))
                .inform((ResourceEventHandler<ReplicaSet>) (ResourceEventHandler<?>) handler);
    }

    @Override
    public State judge(long generation, List<? extends HasMetadata> workloads, List<? extends HasMetadata> revisions,
                       List<Pod> pods, PodJudge podJudge, Instant now) {
        if (workloads.isEmpty()) {
            return State.waiting("waiting for the Deployment to appear", null);
        }
        Deployment deployment = (Deployment) workloads.get(0);
        Long observed = deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration();
        if (observed == null || observed < generation) {
            return State.waiting("waiting for the deployment controller to observe generation " + generation, null);
        }
        List<ReplicaSet> sets = revisions.stream().map(r -> (ReplicaSet) r).toList();
        Optional<ReplicaSet> newSet = Revisions.current(deployment, sets);
        String revision = newSet.map(Revisions::revision).map(String::valueOf).orElse("");
        Instant nextCheck = null;
        if (newSet.isPresent()) {
            PodJudge.Outcome judged = podJudge.judge(PodJudge.ownedBy(newSet.get().getMetadata().getUid(), pods), now);
            if (judged.failure().isPresent()) {
                return State.decided(new RolloutWatch.Verdict(judged.failure(), now, revision));
            }
            nextCheck = judged.nextCheck();
        }
        for (DeploymentCondition condition : Objects.requireNonNullElse(deployment.getStatus().getConditions(), List.<DeploymentCondition>of())) {
            if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return State.decided(new RolloutWatch.Verdict(Optional.of(new RolloutFailure(FailureReason.PROGRESS_DEADLINE,
                        Optional.empty(), Optional.empty(), Optional.empty(), 0, "-", Objects.toString(condition.getMessage(), ""),
                        List.of())), now, revision));
            }
        }
        int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int updated = count(deployment.getStatus().getUpdatedReplicas());
        int total = count(deployment.getStatus().getReplicas());
        int available = count(deployment.getStatus().getAvailableReplicas());
        if (updated < wanted) {
            return State.waiting(updated + " of " + wanted + " updated replicas", nextCheck);
        }
        if (total > updated) {
            return State.waiting((total - updated) + " old replicas pending termination", nextCheck);
        }
        if (available < updated) {
            return State.waiting(available + " of " + updated + " updated replicas ready", nextCheck);
        }
        if (newSet.isEmpty()) {
            return State.waiting("waiting for the new ReplicaSet", nextCheck);
        }
        return State.decided(new RolloutWatch.Verdict(Optional.empty(), now, revision));
    }

    static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
