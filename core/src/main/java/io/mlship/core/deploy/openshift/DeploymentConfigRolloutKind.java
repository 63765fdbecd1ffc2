package io.mlship.core.deploy.openshift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentCondition;
import io.fabric8.openshift.client.OpenShiftClient;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.kubernetes.ModelLabels;
import io.mlship.core.deploy.kubernetes.PodJudge;
import io.mlship.core.deploy.kubernetes.RolloutKind;
import io.mlship.core.deploy.kubernetes.RolloutWatch;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DeploymentConfig's rollout, judged as {@code oc rollout status} does (the latest version's
 * ReplicationController reaches phase Complete), with the pods of that ReplicationController failing it fast.
 */
final class DeploymentConfigRolloutKind implements RolloutKind {

    @Override
    @SuppressWarnings("unchecked")
    public SharedIndexInformer<? extends HasMetadata> informWorkload(KubernetesClient client, String namespace, String name,
                                                                     ResourceEventHandler<HasMetadata> handler) {
        return client.adapt(OpenShiftClient.class).deploymentConfigs().inNamespace(namespace).withName(name)
                .inform((ResourceEventHandler<DeploymentConfig>) (ResourceEventHandler<?>) handler);
    }

    @Override
    @SuppressWarnings("unchecked")
    public SharedIndexInformer<? extends HasMetadata> informRevisions(KubernetesClient client, String namespace, String name,
                                                                      ResourceEventHandler<HasMetadata> handler) {
        return client.replicationControllers().inNamespace(namespace).withLabels(ModelLabels.selector(name))
                .inform((ResourceEventHandler<ReplicationController>) (ResourceEventHandler<?>) handler);
    }

    @Override
    public State judge(long generation, List<? extends HasMetadata> workloads, List<? extends HasMetadata> revisions,
                       List<Pod> pods, PodJudge podJudge, Instant now) {
        if (workloads.isEmpty()) {
            return State.waiting("waiting for the DeploymentConfig to appear", null);
        }
        DeploymentConfig config = (DeploymentConfig) workloads.get(0);
        Long observed = config.getStatus() == null ? null : config.getStatus().getObservedGeneration();
        if (observed == null || observed < generation || config.getStatus().getLatestVersion() == null) {
            return State.waiting("waiting for the DeploymentConfig controller to observe generation " + generation, null);
        }
        long version = config.getStatus().getLatestVersion();
        String revision = Long.toString(version);
        Optional<? extends HasMetadata> current = revisions.stream()
                .filter(rc -> DeploymentConfigs.ownedBy(rc, config.getMetadata().getUid()))
                .filter(rc -> DeploymentConfigs.version(rc) == version)
                .findFirst();
        for (DeploymentCondition condition : Objects.requireNonNullElse(config.getStatus().getConditions(), List.<DeploymentCondition>of())) {
            if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return State.decided(new RolloutWatch.Verdict(Optional.of(failure(Objects.toString(condition.getMessage(), ""))), now, revision));
            }
        }
        if (current.isEmpty()) {
            return State.waiting("waiting for the ReplicationController of version " + version, null);
        }
        PodJudge.Outcome judged = podJudge.judge(PodJudge.ownedBy(current.get().getMetadata().getUid(), pods), now);
        if (judged.failure().isPresent()) {
            return State.decided(new RolloutWatch.Verdict(judged.failure(), now, revision));
        }
        String phase = DeploymentConfigs.phase(current.get());
        if ("Failed".equals(phase)) {
            return State.decided(new RolloutWatch.Verdict(Optional.of(failure("deployment " + current.get().getMetadata().getName()
                    + " failed: " + DeploymentConfigs.annotation(current.get(), DeploymentConfigs.STATUS_REASON).orElse("no reason given"))),
                    now, revision));
        }
        if ("Complete".equals(phase)) {
            return State.decided(new RolloutWatch.Verdict(Optional.empty(), now, revision));
        }
        ReplicationController controller = (ReplicationController) current.get();
        int ready = controller.getStatus() == null || controller.getStatus().getReadyReplicas() == null ? 0 : controller.getStatus().getReadyReplicas();
        return State.waiting("deployment " + controller.getMetadata().getName() + " " + (phase.isEmpty() ? "New" : phase)
                + ", " + ready + " of " + controller.getSpec().getReplicas() + " replicas ready", judged.nextCheck());
    }

    private static RolloutFailure failure(String detail) {
        return new RolloutFailure(FailureReason.PROGRESS_DEADLINE, Optional.empty(), Optional.empty(), Optional.empty(), 0, "-",
                detail, List.of());
    }
}
