package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.spec.RolloutPolicy;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches one workload's rollout (a Deployment the way `kubectl rollout status` judges success; a
 * DeploymentConfig as `oc rollout status` does) but fails as soon as a pod of the new revision is in a
 * state waiting cannot heal ({@link PodFailureClassifier}), when a running pod stays not-ready past the
 * readiness window, or at the progress deadline.
 *
 * <p>Informers on the workload, its revisions and its pods feed a queue; every change wakes the judge,
 * so a failing status is seen within the watch latency, not a polling period. The only timed wake-ups
 * are the readiness window and the deadline.
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
    private final RolloutKind kind;

    /** A Deployment's rollout. */
    public RolloutWatch(KubernetesClient client, String namespace, String name, RolloutPolicy policy) {
        this(client, namespace, name, policy, new DeploymentRolloutKind());
    }

    public RolloutWatch(KubernetesClient client, String namespace, String name, RolloutPolicy policy, RolloutKind kind) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.policy = policy;
        this.kind = kind;
    }

    /** Waits until generation {@code generation} of the workload is rolled out, or fails. */
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
        Instant deadline = Instant.now().plus(policy.progressDeadline());
        try (SharedIndexInformer<? extends HasMetadata> workloads = kind.informWorkload(client, namespace, name, wake);
             SharedIndexInformer<? extends HasMetadata> revisions = kind.informRevisions(client, namespace, name, wake);
             SharedIndexInformer<Pod> pods = client.pods().inNamespace(namespace).withLabels(ModelLabels.selector(name)).inform(podHandler(wake))) {
            PodJudge podJudge = new PodJudge(policy);
            String lastStatus = "";
            while (true) {
                Instant now = Instant.now();
                RolloutKind.State state = kind.judge(generation, workloads.getStore().list(), revisions.getStore().list(),
                        pods.getStore().list(), podJudge, now);
                if (state.verdict() != null) {
                    return state.verdict();
                }
                if (!state.status().equals(lastStatus)) {
                    console.line("  rollout: " + state.status());
                    lastStatus = state.status();
                }
                if (!now.isBefore(deadline)) {
                    return new Verdict(Optional.of(new RolloutFailure(FailureReason.PROGRESS_DEADLINE, Optional.empty(), Optional.empty(),
                            Optional.empty(), 0, "-", "not rolled out within " + policy.progressDeadline().toSeconds()
                            + " s (" + state.status() + ")", List.of())), now, "");
                }
                Instant wakeUp = state.nextCheck() == null || state.nextCheck().isAfter(deadline) ? deadline : state.nextCheck();
                long waitMillis = Math.max(1, Duration.between(now, wakeUp).toMillis());
                if (changes.poll(waitMillis, TimeUnit.MILLISECONDS) != null) {
                    changes.clear(); // one judgement covers every change seen so far
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ResourceEventHandler<Pod> podHandler(ResourceEventHandler<HasMetadata> wake) {
        return (ResourceEventHandler<Pod>) (ResourceEventHandler<?>) wake;
    }
}
