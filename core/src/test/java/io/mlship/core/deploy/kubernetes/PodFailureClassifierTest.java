package io.mlship.core.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The classifier on pod statuses in the shapes a real kubelet and scheduler write (as `kubectl get pod -o yaml` shows them). */
class PodFailureClassifierTest {

    private static final String SPEC = """
            apiVersion: v1
            kind: Pod
            metadata: {name: iris-5d8f7c9b4-x2x7q, namespace: models}
            spec:
              initContainers:
              - name: fetch-model
                image: busybox:1.36
              containers:
              - name: model
                image: registry:5000/iris:2.0.0
                resources:
                  requests: {memory: 64Mi, cpu: 100m}
                  limits: {memory: 128Mi, cpu: "1"}
            """;

    private static Pod pod(String status) {
        return Serialization.unmarshal(SPEC + status, Pod.class);
    }

    @Test
    void oomKilledInLastStateWithExitCode137() {
        Optional<RolloutFailure> failure = PodFailureClassifier.classify(pod("""
                status:
                  phase: Running
                  containerStatuses:
                  - name: model
                    ready: false
                    restartCount: 1
                    state:
                      waiting: {reason: CrashLoopBackOff, message: "back-off 10s restarting failed container=model pod=iris-5d8f7c9b4-x2x7q"}
                    lastState:
                      terminated: {reason: OOMKilled, exitCode: 137, startedAt: "2026-11-23T16:00:00Z", finishedAt: "2026-11-23T16:00:03Z"}
                """), 5);

        assertThat(failure).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.OOM_KILLED);
            assertThat(f.pod()).contains("iris-5d8f7c9b4-x2x7q");
            assertThat(f.container()).contains("model");
            assertThat(f.exitCode()).contains(137);
            assertThat(f.restarts()).isEqualTo(1);
            assertThat(f.limits()).isEqualTo("memory 128Mi, cpu 1");
        });
    }

    @Test
    void oomKilledAsTheCurrentTerminatedState() {
        assertThat(PodFailureClassifier.classify(pod("""
                status:
                  phase: Running
                  containerStatuses:
                  - name: model
                    restartCount: 0
                    state:
                      terminated: {reason: OOMKilled, exitCode: 137}
                """), 5).map(RolloutFailure::reason)).contains(FailureReason.OOM_KILLED);
    }

    @Test
    void crashLoopBackOffFailsOnlyFromTheConfiguredNumberOfRestarts() {
        String status = """
                status:
                  phase: Running
                  containerStatuses:
                  - name: model
                    restartCount: %d
                    state:
                      waiting: {reason: CrashLoopBackOff}
                    lastState:
                      terminated: {reason: Error, exitCode: 1}
                """;
        assertThat(PodFailureClassifier.classify(pod(status.formatted(1)), 2)).isEmpty();
        assertThat(PodFailureClassifier.classify(pod(status.formatted(2)), 2)).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.CRASH_LOOP);
            assertThat(f.exitCode()).contains(1);
            assertThat(f.detail()).isEqualTo("restarted 2 times; it last ended with Error, exit code 1");
        });
    }

    @Test
    void imagePullErrorsOfAnInitContainerToo() {
        Optional<RolloutFailure> failure = PodFailureClassifier.classify(pod("""
                status:
                  phase: Pending
                  initContainerStatuses:
                  - name: fetch-model
                    restartCount: 0
                    state:
                      waiting: {reason: ImagePullBackOff, message: "Back-off pulling image \\"busybox:1.36\\""}
                  containerStatuses:
                  - name: model
                    restartCount: 0
                    state:
                      waiting: {reason: PodInitializing}
                """), 2);

        assertThat(failure).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.IMAGE_PULL);
            assertThat(f.container()).contains("fetch-model");
            assertThat(f.detail()).isEqualTo("ImagePullBackOff: Back-off pulling image \"busybox:1.36\"");
            assertThat(f.limits()).isEqualTo("no limits");
        });
    }

    @Test
    void errImagePullAndCreateContainerConfigError() {
        String status = """
                status:
                  phase: Pending
                  containerStatuses:
                  - name: model
                    restartCount: 0
                    state:
                      waiting: {reason: %s, message: "%s"}
                """;
        assertThat(PodFailureClassifier.classify(pod(status.formatted("ErrImagePull", "not found")), 2).map(RolloutFailure::reason))
                .contains(FailureReason.IMAGE_PULL);
        assertThat(PodFailureClassifier.classify(pod(status.formatted("CreateContainerConfigError",
                "secret \\\"iris-secrets\\\" not found")), 2)).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.CONFIG_ERROR);
            assertThat(f.detail()).isEqualTo("CreateContainerConfigError: secret \"iris-secrets\" not found");
        });
    }

    @Test
    void unschedulableForMemoryOrCpuButNotForOtherReasons() {
        String status = """
                status:
                  phase: Pending
                  conditions:
                  - {type: PodScheduled, status: "False", reason: Unschedulable, message: "%s"}
                """;
        assertThat(PodFailureClassifier.classify(pod(status.formatted("0/3 nodes are available: 3 Insufficient memory.")), 2))
                .hasValueSatisfying(f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.UNSCHEDULABLE);
                    assertThat(f.detail()).isEqualTo("0/3 nodes are available: 3 Insufficient memory. (the pod requests memory 64Mi, cpu 100m)");
                });
        assertThat(PodFailureClassifier.classify(pod(status.formatted("0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint.")), 2))
                .map(RolloutFailure::reason).contains(FailureReason.UNSCHEDULABLE);
        // A node selector nobody matches may be fixed by a node joining: the progress deadline judges it.
        assertThat(PodFailureClassifier.classify(pod(status.formatted("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.")), 2))
                .isEmpty();
    }

    @Test
    void startingAndRunningPodsAreNoFailure() {
        assertThat(PodFailureClassifier.classify(pod("""
                status:
                  phase: Pending
                  containerStatuses:
                  - name: model
                    restartCount: 0
                    state:
                      waiting: {reason: ContainerCreating}
                """), 2)).isEmpty();
        Pod running = pod("""
                status:
                  phase: Running
                  conditions:
                  - {type: Ready, status: "False"}
                  containerStatuses:
                  - name: model
                    restartCount: 0
                    ready: false
                    state:
                      running: {startedAt: "2026-11-23T16:00:00Z"}
                """);
        assertThat(PodFailureClassifier.classify(running, 2)).isEmpty();
        assertThat(PodFailureClassifier.running(running)).isTrue();
        assertThat(PodFailureClassifier.ready(running)).isFalse();
    }
}
