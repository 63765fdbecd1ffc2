package io.mlship.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.kubernetes.MockCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pod shapes as the kubelet writes them, stored in fabric8's API server mock in CRUD mode and read back by the
 * diagnosis through the real client: an eviction, an OOM kill in lastState, a SIGKILL that was not an OOM, restarts.
 */
class KubernetesDiagnoseTest {

    static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new MockCluster();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    void anEvictedPodIsEvictedNotOom() {
        Pod pod = pod("evicted-model", running(0), "256Mi");
        pod.getStatus().setPhase("Failed");
        pod.getStatus().setReason("Evicted");
        pod.getStatus().setMessage("The node was low on resource: memory. Container model was using 180Mi, which exceeds its request of 128Mi.");
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("model").withRestartCount(0)
                .withNewState().withNewTerminated().withReason("ContainerStatusUnknown").withExitCode(137).endTerminated().endState().build()));
        store(pod);
        event("evicted-model", "Evicted", "The node was low on resource: memory.");

        Diagnosis d = diagnose("evicted-model");
        assertThat(d.verdict()).isEqualTo(Verdict.EVICTED);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("status.reason = Evicted: The node was low on resource: memory"));
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).startsWith("pod events: evicted-model Evicted"));
    }

    @Test
    void oomKilledInLastStateWithRestartsIsOomKilledAndTheLimitTimesOneQuarterMore() {
        store(pod("iris-7d9f8b6c5d-x2x9q", new ContainerStatusBuilder().withName("model").withRestartCount(3)
                .withNewState().withNewRunning().withStartedAt("2026-12-06T10:00:00Z").endRunning().endState()
                .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endLastState()
                .build(), "192Mi"));
        event("iris-7d9f8b6c5d-x2x9q", "BackOff", "Back-off restarting failed container model");

        Diagnosis d = diagnose("iris");
        assertThat(d.verdict()).isEqualTo(Verdict.OOM_KILLED);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString())
                .isEqualTo("pod status: iris-7d9f8b6c5d-x2x9q/model lastState.terminated = reason OOMKilled, exitCode 137"));
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).isEqualTo("pod status: iris-7d9f8b6c5d-x2x9q/model restartCount = 3"));
        assertThat(d.recommendation().memory()).contains("240Mi"); // 192Mi × 1.25
        assertThat(d.toReport().get("recommendation").toString()).contains("limits={memory=240Mi}");
    }

    @Test
    void theLimitToRaiseIsTheKilledContainersNotALargerSidecars() {
        Pod pod = pod("sidecar-model", new ContainerStatusBuilder().withName("model").withRestartCount(1)
                .withNewState().withNewRunning().endRunning().endState()
                .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endLastState()
                .build(), "128Mi");
        pod.getSpec().getContainers().add(0, new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("proxy").withImage("registry/proxy:1")
                .withNewResources().withLimits(Map.of("memory", new Quantity("512Mi"))).endResources().build());
        pod.getStatus().getContainerStatuses().add(0, new ContainerStatusBuilder(running(0)).withName("proxy").build());
        store(pod);

        Diagnosis d = diagnose("sidecar-model");
        assertThat(d.verdict()).isEqualTo(Verdict.OOM_KILLED);
        assertThat(d.reason()).endsWith("(128Mi)");
        assertThat(d.recommendation().memory()).contains("160Mi"); // the model's 128Mi × 1.25, not the proxy's 512Mi
    }

    @Test
    void exitCode137WithAnotherReasonIsSigkillNotOom() {
        store(pod("probe-killed", new ContainerStatusBuilder().withName("model").withRestartCount(1)
                .withNewState().withNewRunning().endRunning().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(137).endTerminated().endLastState()
                .build(), "512Mi"));
        event("probe-killed", "Killing", "Container model failed liveness probe, will be restarted");

        Diagnosis d = diagnose("probe-killed");
        assertThat(d.verdict()).isEqualTo(Verdict.SIGKILL_NOT_OOM);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("failed liveness probe"));
        assertThat(d.recommendation().memoryStatus()).isEqualTo(Recommendation.NO_DATA);
    }

    @Test
    void aRunningPodWithoutFailuresIsHealthy() {
        store(pod("calm", running(0), "256Mi"));
        Diagnosis d = diagnose("calm");
        assertThat(d.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(d.recommendation().memory()).isEmpty();
    }

    @Test
    void anUnknownPodIsAClearError() {
        assertThatThrownBy(() -> diagnose("no-such-model")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("no pod `no-such-model`").hasMessageContaining("namespace " + MockCluster.NAMESPACE)
                .hasMessageContaining("kubectl get pods -n " + MockCluster.NAMESPACE);
    }

    private static Diagnosis diagnose(String name) {
        List<String> console = new ArrayList<>();
        return DiagnoseService.onCluster(cluster.client).run(DiagnoseRequest.builder().target(DiagnoseTarget.KUBERNETES)
                .name(name).namespace(MockCluster.NAMESPACE).build(), console::add);
    }

    private static ContainerStatus running(int restarts) {
        return new ContainerStatusBuilder().withName("model").withRestartCount(restarts).withReady(true)
                .withNewState().withNewRunning().withStartedAt("2026-12-06T10:00:00Z").endRunning().endState().build();
    }

    private static Pod pod(String name, ContainerStatus status, String memoryLimit) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(MockCluster.NAMESPACE).endMetadata()
                .withNewSpec().addNewContainer().withName("model").withImage("registry/iris:1")
                .withNewResources().withLimits(Map.of("memory", new Quantity(memoryLimit))).endResources()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withContainerStatuses(status).endStatus().build();
    }

    private static void store(Pod pod) {
        cluster.client.pods().inNamespace(MockCluster.NAMESPACE).resource(pod).create();
    }

    private static void event(String pod, String reason, String message) {
        cluster.client.v1().events().inNamespace(MockCluster.NAMESPACE).resource(new EventBuilder()
                .withNewMetadata().withGenerateName(pod + "-").withNamespace(MockCluster.NAMESPACE).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName(pod).withNamespace(MockCluster.NAMESPACE).endInvolvedObject()
                .withReason(reason).withMessage(message).withType("Warning").build()).create();
    }
}
