package io.mlship.core.deploy.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.client.OpenShiftClient;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.kubernetes.DeployKubernetesTest;
import io.mlship.core.deploy.kubernetes.KubeletSimulator.Behaviour;
import io.mlship.core.deploy.kubernetes.MockCluster;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.OpenShiftOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The openshift target on the same CRUD mock: Deployment + Service + Route, read back through openshift-client. */
class DeployOpenShiftTest {

    @TempDir
    Path temp;

    MockCluster cluster;
    OpenShiftClient openshift;
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        openshift = cluster.client.adapt(OpenShiftClient.class);
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    static DeploySpec spec(String image) {
        return DeployKubernetesTest.spec("iris", image).toBuilder().target(DeployTarget.OPENSHIFT)
                .openshift(new OpenShiftOptions(false, true, Optional.of("iris.apps.example.com"))).build();
    }

    DeployResult deploy(DeploySpec spec, String run) throws InterruptedException {
        return DeployService.deploy(new DeployRequest(spec, temp.resolve(run), "test", cluster.connection(), null), console::add);
    }

    @Test
    void rendersARouteToTheServiceAndRollsOut() throws Exception {
        DeployResult result = deploy(spec(DeployKubernetesTest.GOOD), "good");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(result.target()).isEqualTo("openshift");
        Route route = openshift.routes().inNamespace(MockCluster.NAMESPACE).withName("iris").get();
        assertThat(route.getSpec().getTo().getName()).isEqualTo("iris");
        assertThat(route.getSpec().getHost()).isEqualTo("iris.apps.example.com");
        assertThat(route.getSpec().getTls().getTermination()).isEqualTo("edge");
        assertThat(console).contains("  created Route models/iris");
        assertThat(Files.readString(temp.resolve("good/objects.log"))).contains("kind: \"Route\"");
    }

    @Test
    void aFailingRolloutIsRolledBackAndAChangedRouteRestored() throws Exception {
        cluster.kubelet.behave(DeployKubernetesTest.BAD, Behaviour.OOM_KILLED);
        deploy(spec(DeployKubernetesTest.GOOD), "good");

        DeploySpec bad = spec(DeployKubernetesTest.BAD).toBuilder().openshift(new OpenShiftOptions(false, true, Optional.of("iris-v2.apps.example.com"))).build();
        DeployResult result = deploy(bad, "bad");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.OOM_KILLED);
        assertThat(result.recommendation().orElseThrow().limitsMemory()).isEqualTo("160Mi");
        assertThat(openshift.routes().inNamespace(MockCluster.NAMESPACE).withName("iris").get().getSpec().getHost())
                .isEqualTo("iris.apps.example.com");
    }

    @Test
    void aFailedFirstDeployRemovesTheRouteToo() throws Exception {
        cluster.kubelet.behave(DeployKubernetesTest.BAD, Behaviour.IMAGE_PULL);

        DeployResult result = deploy(spec(DeployKubernetesTest.BAD), "first");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.REMOVED);
        assertThat(openshift.routes().inNamespace(MockCluster.NAMESPACE).withName("iris").get()).isNull();
        assertThat(result.recommendation()).as("an image pull failure is no memory problem").isEmpty();
        assertThat(DeployKubernetesTest.reportRecommendation(temp.resolve("first"))).isNull();
        assertThat(console).noneMatch(l -> l.startsWith("recommendation:"));
    }

    static DeploySpec deploymentConfig(String image) {
        return spec(image).toBuilder().openshift(new OpenShiftOptions(true, true, Optional.empty())).build();
    }

    io.fabric8.openshift.api.model.DeploymentConfig config() {
        return openshift.deploymentConfigs().inNamespace(MockCluster.NAMESPACE).withName("iris").get();
    }

    @Test
    void aDeploymentConfigRollsOutWhenItsLatestDeploymentCompletes() throws Exception {
        DeployResult result = deploy(deploymentConfig(DeployKubernetesTest.GOOD), "dc");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(result.revision()).contains("1");
        assertThat(config().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(DeployKubernetesTest.GOOD);
        assertThat(cluster.client.apps().deployments().inNamespace(MockCluster.NAMESPACE).withName("iris").get()).as("no Deployment").isNull();
        assertThat(console).contains("  created DeploymentConfig models/iris", "  created Route models/iris");
    }

    @Test
    void aFailingDeploymentConfigIsRolledBackToTheLastCompleteDeployment() throws Exception {
        cluster.kubelet.behave(DeployKubernetesTest.BAD, Behaviour.OOM_KILLED);
        deploy(deploymentConfig(DeployKubernetesTest.GOOD), "good");

        DeployResult result = deploy(deploymentConfig(DeployKubernetesTest.BAD), "bad");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.OOM_KILLED);
        assertThat(result.failure().get().pod().orElseThrow()).startsWith("iris-2-");
        assertThat(result.failure().get().lastLines()).contains("allocating 40 MiB of model weights");
        assertThat(result.rollbackNote().orElseThrow()).contains("rolled back to revision 1 (" + DeployKubernetesTest.GOOD + "), confirmed ready as revision 3");
        assertThat(config().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(DeployKubernetesTest.GOOD);
        assertThat(config().getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKeys("deployment", "deploymentconfig");
        java.time.Duration toFailure = java.time.Duration.between(cluster.kubelet.failureWrittenAt("iris").orElseThrow(),
                result.failureSeenAt().orElseThrow());
        assertThat(toFailure).isLessThan(java.time.Duration.ofSeconds(2));
        // The killed pod of version 2 was diagnosed before the rollback scaled it away: its limit 128Mi × 1.25.
        String pod = result.failure().get().pod().get();
        assertThat(result.recommendation().orElseThrow().verdict()).isEqualTo("OOM_KILLED");
        assertThat(result.recommendation().get().limitsMemory()).isEqualTo("160Mi");
        assertThat(result.recommendation().get().rule()).contains("limit at the OOM kill 128Mi × 1.25 = 160Mi");
        assertThat(console).contains("  diagnose: 1 pod(s) of " + pod + " in namespace models: " + pod,
                "recommendation: set limits.memory: 160Mi (OOM_KILLED)");
        assertThat(DeployKubernetesTest.reportRecommendation(temp.resolve("bad"))).containsEntry("verdict", "OOM_KILLED")
                .containsEntry("limitsMemory", "160Mi").containsEntry("requestsMemory", "160Mi");
    }

    @Test
    void rollbackCommandOnADeploymentConfig() throws Exception {
        deploy(deploymentConfig(DeployKubernetesTest.GOOD), "one");
        deploy(deploymentConfig(DeployKubernetesTest.BAD), "two");

        DeployResult result = DeployService.rollback(new DeployRequest(deploymentConfig(DeployKubernetesTest.BAD), temp.resolve("back"),
                "test", cluster.connection(), null), console::add);

        assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        assertThat(config().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(DeployKubernetesTest.GOOD);
    }

    @Test
    void theDeploymentConfigFormRendersTheSamePodTemplate() {
        var dc = OpenShiftRenderer.deploymentConfig(spec(DeployKubernetesTest.GOOD));

        assertThat(dc.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(DeployKubernetesTest.GOOD);
        assertThat(dc.getSpec().getTriggers()).extracting(t -> t.getType()).containsExactly("ConfigChange");
        assertThat(dc.getSpec().getStrategy().getType()).isEqualTo("Rolling");
    }
}
