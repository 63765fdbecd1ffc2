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
import io.mlship.core.deploy.spec.RolloutPolicy;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches one Deployment's rollout the way `kubectl rollout status` judges success, but fails as soon
 * as a pod of the new ReplicaSet is in a state waiting cannot heal ({@link PodFailureClassifier}), when
 * a running pod stays not-ready past the readiness window, or at the progress deadline.
 *
 * <p>Informers on the Deployment, its ReplicaSets and its pods feed a queue; every change wakes the
 * judge, so a failing status is seen within the watch latency, not a polling period. The only timed
 * wake-ups are the readiness window and the deadline.
 */
public final class RolloutWatch {

    /** How a watch ended: ready, or the failure with the time its status was seen. */
    public record Verdict(Optional<RolloutFailure> failure, Instant decidedAt, String revision) {
        public boolean ready() {
            return failure.isEmpty();
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final RolloutPolicy policy;

    public RolloutWatch(KubernetesClient client, String namespace, String name, RolloutPolicy policy) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.policy = policy;
    }

    /** Waits until generation {@code generation} of the Deployment is rolled out, or fails. */
    public Verdict await(long generation, LogSink console) throws InterruptedException {
        BlockingQueue<Object> changes = new LinkedBlockingQueue<>();
        ResourceEventHandler<HasMetadata> wake = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                changes.offer(obj);
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                changes.offer(newObj);
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                changes.offer(obj);
            }
        };
        Map<String, String> selector = ModelLabels.selector(name);
        Instant start = Instant.now();
        Instant deadline = start.plus(policy.progressDeadline());
        try (SharedIndexInformer<Deployment> deployments = client.apps().deployments().inNamespace(namespace).withName(name).inform(handler(wake));
             SharedIndexInformer<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(namespace).withLabels(selector).inform(handler(wake));
             SharedIndexInformer<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector).inform(handler(wake))) {
            Judge judge = new Judge(generation);
            String lastStatus = "";
            while (true) {
                Instant now = Instant.now();
                State state = judge.judge(deployments.getStore().list(), replicaSets.getStore().list(), pods.getStore().list(), now);
                if (state.verdict != null) {
                    return state.verdict;
                }
                if (!state.status.equals(lastStatus)) {
                    console.line("  rollout: " + state.status);
                    lastStatus = state.status;
                }
                if (!now.isBefore(deadline)) {
                    return new Verdict(Optional.of(new RolloutFailure(FailureReason.PROGRESS_DEADLINE, Optional.empty(), Optional.empty(),
                            Optional.empty(), 0, "-", "not rolled out within " + policy.progressDeadline().toSeconds()
                            + " s (" + state.status + ")", List.of())), now, "");
                }
                Instant wakeUp = state.nextCheck == null || state.nextCheck.isAfter(deadline) ? deadline : state.nextCheck;
                long waitMillis = Math.max(1, Duration.between(now, wakeUp).toMillis());
                if (changes.poll(waitMillis, TimeUnit.MILLISECONDS) != null) {
                    changes.clear(); // one judgement covers every change seen so far
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> handler(ResourceEventHandler<HasMetadata> wake) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) wake;
    }

    /** The judgement of one moment: a verdict, or a status line and when to look again without a change. */
    private record State(Verdict verdict, String status, Instant nextCheck) {
    }

    /** Judges the rollout from the informers' caches; remembers since when each pod runs without being ready. */
    private final class Judge {

        private final long generation;
        private final Map<String, Instant> runningNotReadySince = new HashMap<>();

        Judge(long generation) {
            this.generation = generation;
        }

        State judge(List<Deployment> deployments, List<ReplicaSet> replicaSets, List<Pod> pods, Instant now) {
            if (deployments.isEmpty()) {
                return new State(null, "waiting for Deployment " + namespace + "/" + name + " to appear", null);
            }
            Deployment deployment = deployments.get(0);
            Long observed = deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration();
            if (observed == null || observed < generation) {
                return new State(null, "waiting for the deployment controller to observe generation " + generation, null);
            }
            Optional<ReplicaSet> newSet = Revisions.current(deployment, replicaSets);
            String revision = newSet.map(Revisions::revision).map(String::valueOf).orElse("");
            Instant nextCheck = null;
            if (newSet.isPresent()) {
                String uid = newSet.get().getMetadata().getUid();
                for (Pod pod : pods) {
                    if (pod.getMetadata().getOwnerReferences().stream().noneMatch(o -> uid.equals(o.getUid()))) {
                        continue; // an old revision's pod
                    }
                    Optional<RolloutFailure> failure = PodFailureClassifier.classify(pod, policy.crashLoopRestarts());
                    if (failure.isPresent()) {
                        return new State(new Verdict(failure, now, revision), "", null);
                    }
                    String podName = pod.getMetadata().getName();
                    if (PodFailureClassifier.running(pod) && !PodFailureClassifier.ready(pod)) {
                        Instant since = runningNotReadySince.computeIfAbsent(podName, p -> now);
                        Instant windowEnd = since.plus(policy.readinessWindow());
                        if (!now.isBefore(windowEnd)) {
                            return new State(new Verdict(Optional.of(notReady(pod)), now, revision), "", null);
                        }
                        nextCheck = nextCheck == null || windowEnd.isBefore(nextCheck) ? windowEnd : nextCheck;
                    } else {
                        runningNotReadySince.remove(podName);
                    }
                }
            }
            for (DeploymentCondition condition : Objects.requireNonNullElse(deployment.getStatus().getConditions(), List.<DeploymentCondition>of())) {
                if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                    return new State(new Verdict(Optional.of(new RolloutFailure(FailureReason.PROGRESS_DEADLINE, Optional.empty(),
                            Optional.empty(), Optional.empty(), 0, "-", Objects.toString(condition.getMessage(), ""), List.of())),
                            now, revision), "", null);
                }
            }
            int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
            int updated = count(deployment.getStatus().getUpdatedReplicas());
            int total = count(deployment.getStatus().getReplicas());
            int available = count(deployment.getStatus().getAvailableReplicas());
            if (updated < wanted) {
                return new State(null, updated + " of " + wanted + " updated replicas", nextCheck);
            }
            if (total > updated) {
                return new State(null, (total - updated) + " old replicas pending termination", nextCheck);
            }
            if (available < updated) {
                return new State(null, available + " of " + updated + " updated replicas ready", nextCheck);
            }
            if (newSet.isEmpty()) {
                return new State(null, "waiting for the new ReplicaSet", nextCheck);
            }
            return new State(new Verdict(Optional.empty(), now, revision), "", null);
        }

        private RolloutFailure notReady(Pod pod) {
            String container = pod.getSpec().getContainers().get(0).getName();
            return new RolloutFailure(FailureReason.NOT_READY, Optional.of(pod.getMetadata().getName()), Optional.of(container),
                    Optional.empty(), 0, PodFailureClassifier.limitsOf(pod, container),
                    "running but its readiness probe did not pass within " + policy.readinessWindow().toSeconds() + " s", List.of());
        }

        private static int count(Integer value) {
            return value == null ? 0 : value;
        }
    }
}
