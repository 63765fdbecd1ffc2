package io.mlship.core.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.kubernetes.KubeletSimulator.Behaviour;
import io.mlship.core.deploy.spec.CpuQuantity;
import io.mlship.core.deploy.spec.DeployImage;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.deploy.spec.RolloutPolicy;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.common.MemorySize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deploys through {@link DeployService} to the CRUD-mode API server mock, with the kubelet simulator
 * moving the pods through real status shapes: success, each fail-fast reason with its rollback, first
 * deploys, disabled rollback, the deploy lock, and bad input.
 */
public class DeployKubernetesTest {

    public static final String GOOD = "registry.local:5000/team/iris:1.0.0";
    public static final String BAD = "registry.local:5000/team/iris:2.0.0";

    @TempDir
    Path temp;

    MockCluster cluster;
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    public static DeploySpec spec(String name, String image) {
        return DeploySpec.builder().name(name).namespace(MockCluster.NAMESPACE).image(new DeployImage(image)).replicas(2)
                .resources(new Resources(Optional.of(MemorySize.parse("64Mi")), Optional.of(MemorySize.parse("128Mi")),
                        Optional.of(CpuQuantity.parse("100m", "cpu")), Optional.of(CpuQuantity.parse("1", "cpu"))))
                .env(Map.of("LOG_LEVEL", "info"))
                .policy(p -> p.withProgressDeadline(Duration.ofSeconds(20)).withReadinessWindow(Duration.ofMillis(1500))
                        .withLockTimeout(Duration.ofSeconds(10)))
                .build();
    }

    DeployResult deploy(DeploySpec spec, String run) throws InterruptedException {
        return DeployService.deploy(new DeployRequest(spec, temp.resolve(run), "test " + run, cluster.connection(), null), console::add);
    }

    Deployment deployment(String name) {
        return cluster.client.apps().deployments().inNamespace(MockCluster.NAMESPACE).withName(name).get();
    }

    static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void firstDeployRollsOutWhenEveryUpdatedReplicaIsReady() throws Exception {
        DeployResult result = deploy(spec("iris", GOOD), "first");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(result.revision()).contains("1");
        assertThat(result.failure()).isEmpty();
        Deployment d = deployment("iris");
        assertThat(image(d)).isEqualTo(GOOD);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .containsEntry("memory", new io.fabric8.kubernetes.api.model.Quantity("128Mi"));
        assertThat(cluster.client.services().inNamespace(MockCluster.NAMESPACE).withName("iris").get().getSpec().getSelector())
                .containsEntry(ModelLabels.SELECTOR, "iris");
        assertThat(console).contains("  created Deployment models/iris", "  created Service models/iris")
                .anyMatch(l -> l.startsWith("rolled out models/iris revision 1"));
        assertThat(Files.readString(temp.resolve("first/objects.log"))).contains("image: \"" + GOOD + "\"").contains("kind: \"Service\"");
        assertThat(Files.readString(temp.resolve("first").resolve(DeployService.REPORT))).contains("\"outcome\" : \"DEPLOYED\"");
        // The lock is released.
        assertThat(cluster.client.leases().inNamespace(MockCluster.NAMESPACE).withName(DeployLease.leaseName("iris")).get()).isNull();
    }

    @Test
    void anOomKilledPodFailsTheRolloutWithinSecondsAndTheDeploymentIsRolledBack() throws Exception {
        cluster.kubelet.behave(BAD, Behaviour.OOM_KILLED);
        assertThat(deploy(spec("iris", GOOD), "good").outcome()).isEqualTo(DeployOutcome.DEPLOYED);

        DeployResult result = deploy(spec("iris", BAD), "bad");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        RolloutFailure failure = result.failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(FailureReason.OOM_KILLED);
        assertThat(failure.pod().orElseThrow()).startsWith("iris-");
        assertThat(failure.container()).contains("model");
        assertThat(failure.exitCode()).contains(137);
        assertThat(failure.restarts()).isEqualTo(1);
        assertThat(failure.limits()).isEqualTo("memory 128Mi, cpu 1");
        assertThat(failure.lastLines()).contains("allocating 40 MiB of model weights"); // from the killed (previous) instance
        assertThat(failure.summary()).contains("OOMKilled, exit code 137, 1 restart, limits memory 128Mi, cpu 1");
        Duration toFailure = Duration.between(cluster.kubelet.failureWrittenAt("iris").orElseThrow(), result.failureSeenAt().orElseThrow());
        assertThat(toFailure).isLessThan(Duration.ofSeconds(2));
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(15));
        // Undo semantics: the previous template is back, and its ReplicaSet is the newest revision.
        Deployment d = deployment("iris");
        assertThat(image(d)).isEqualTo(GOOD);
        List<ReplicaSet> sets = cluster.client.apps().replicaSets().inNamespace(MockCluster.NAMESPACE).list().getItems();
        ReplicaSet current = Revisions.current(d, sets).orElseThrow();
        assertThat(Revisions.revision(current)).isEqualTo(3);
        assertThat(current.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(GOOD);
        assertThat(result.rollbackNote().orElseThrow()).contains("rolled back to revision 1 (" + GOOD + "), confirmed ready");
        // Evidence: both instances' logs, the events, the applied objects.
        Path evidence = temp.resolve("bad");
        String pod = failure.pod().get();
        assertThat(Files.readString(evidence.resolve("pod-" + pod + "-model-previous.log"))).contains("allocating 40 MiB of model weights");
        assertThat(Files.readString(evidence.resolve("pod-" + pod + "-model.log"))).contains("loading model " + BAD);
        assertThat(Files.readString(evidence.resolve("events.log"))).contains("Warning BackOff Pod/" + pod);
        assertThat(Files.readString(evidence.resolve("objects.log"))).contains(BAD);
        assertThat(Files.readString(evidence.resolve(DeployService.REPORT))).contains("\"reason\" : \"OOM_KILLED\"", "\"exitCode\" : 137");
        // Diagnosed before the rollback replaced the pod: the limit it was killed under (128Mi) × 1.25.
        ResourceRecommendation advice = result.recommendation().orElseThrow();
        assertThat(advice.verdict()).isEqualTo("OOM_KILLED");
        assertThat(advice.limitsMemory()).isEqualTo("160Mi");
        assertThat(advice.rule()).contains("Applied: limit at the OOM kill 128Mi × 1.25 = 160Mi.");
        assertThat(console).contains("recommendation: set limits.memory: 160Mi (OOM_KILLED)")
                .contains("  diagnose: 1 pod(s) of " + pod + " in namespace models: " + pod);
        assertThat(reportRecommendation(evidence)).containsEntry("verdict", "OOM_KILLED").containsEntry("limitsMemory", "160Mi")
                .containsEntry("requestsMemory", "160Mi").containsEntry("rule", advice.rule());
    }

    /** deploy-report.json's "recommendation", read back as JSON. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> reportRecommendation(Path logDirectory) throws java.io.IOException {
        Map<String, Object> report = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Files.readString(logDirectory.resolve(DeployService.REPORT)), Map.class);
        return (Map<String, Object>) report.get("recommendation");
    }

    /** A memory limit that is no whole multiple of 4 MiB, so the × 1.25 rule has to round. */
    static DeploySpec starved(String image) {
        return spec("iris", image).toBuilder().resources(new Resources(Optional.of(MemorySize.parse("60Mi")),
                Optional.of(MemorySize.parse("77Mi")), Optional.empty(), Optional.empty())).build();
    }

    @Test
    void anOomKilledFirstDeployIsRemovedAndCarriesTheRecommendationFromTheLimitAtTheKill() throws Exception {
        cluster.kubelet.behave(BAD, Behaviour.OOM_KILLED);

        DeployResult first = deploy(starved(BAD), "first");

        assertThat(first.outcome()).isEqualTo(DeployOutcome.REMOVED);
        // 77Mi × 1.25 = 96.25 MiB, rounded up to a whole MiB: a limit rounded down could be the byte it is killed at
        assertThat(first.recommendation().orElseThrow().limitsMemory()).isEqualTo("97Mi");
        assertThat(first.recommendation().get().rule()).contains("limit at the OOM kill 77Mi × 1.25 = 97Mi");
        assertThat(reportRecommendation(temp.resolve("first"))).containsEntry("limitsMemory", "97Mi");
        assertThat(console).contains("recommendation: set limits.memory: 97Mi (OOM_KILLED)");
        assertThat(deployment("iris")).isNull();
    }

    @Test
    void anOomKillWithRollbackDisabledLeavesTheVersionAndCarriesTheRecommendation() throws Exception {
        cluster.kubelet.behave(BAD, Behaviour.OOM_KILLED);
        deploy(spec("iris", GOOD), "good");

        DeployResult kept = deploy(starved(BAD).toBuilder().policy(p -> p.withRollback(false)).build(), "kept");

        assertThat(kept.outcome()).isEqualTo(DeployOutcome.FAILED);
        assertThat(kept.recommendation().orElseThrow().limitsMemory()).isEqualTo("97Mi");
        assertThat(reportRecommendation(temp.resolve("kept"))).containsEntry("limitsMemory", "97Mi");
        assertThat(image(deployment("iris"))).isEqualTo(BAD);
    }

    @ParameterizedTest
    @EnumSource(value = Behaviour.class, names = {"CRASH_LOOP", "IMAGE_PULL", "CONFIG_ERROR", "UNSCHEDULABLE", "NEVER_READY", "PROGRESS_DEADLINE"})
    void everyFailFastReasonIsNamedAndRolledBack(Behaviour behaviour) throws Exception {
        cluster.kubelet.behave(BAD, behaviour);
        deploy(spec("iris", GOOD), "good");

        DeployResult result = deploy(spec("iris", BAD), "bad");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        RolloutFailure failure = result.failure().orElseThrow();
        switch (behaviour) {
            case CRASH_LOOP -> {
                assertThat(failure.reason()).isEqualTo(FailureReason.CRASH_LOOP);
                assertThat(failure.exitCode()).contains(1);
                assertThat(failure.restarts()).isEqualTo(2);
                assertThat(failure.lastLines()).contains("error: model file /models/iris.json not found");
            }
            case IMAGE_PULL -> {
                assertThat(failure.reason()).isEqualTo(FailureReason.IMAGE_PULL);
                assertThat(failure.detail()).startsWith("ErrImagePull: ").contains(BAD);
            }
            case CONFIG_ERROR -> {
                assertThat(failure.reason()).isEqualTo(FailureReason.CONFIG_ERROR);
                assertThat(failure.detail()).isEqualTo("CreateContainerConfigError: secret \"iris-secrets\" not found");
            }
            case UNSCHEDULABLE -> {
                assertThat(failure.reason()).isEqualTo(FailureReason.UNSCHEDULABLE);
                assertThat(failure.detail()).contains("0/3 nodes are available: 3 Insufficient memory.", "requests memory 64Mi, cpu 100m");
                assertThat(Files.readString(temp.resolve("bad/events.log"))).contains("FailedScheduling");
            }
            case NEVER_READY -> {
                assertThat(failure.reason()).isEqualTo(FailureReason.NOT_READY);
                assertThat(failure.detail()).contains("readiness probe did not pass within 1 s");
            }
            case PROGRESS_DEADLINE -> {
                assertThat(failure.reason()).isEqualTo(FailureReason.PROGRESS_DEADLINE);
                assertThat(failure.detail()).isEqualTo("ReplicaSet has timed out progressing.");
            }
            default -> throw new AssertionError(behaviour);
        }
        if (behaviour != Behaviour.NEVER_READY) {
            Duration toFailure = Duration.between(cluster.kubelet.failureWrittenAt("iris").orElseThrow(), result.failureSeenAt().orElseThrow());
            assertThat(toFailure).isLessThan(Duration.ofSeconds(2));
        }
        assertThat(image(deployment("iris"))).isEqualTo(GOOD);
        // No OOM kill, no memory advice: neither in the result, the report nor the console.
        assertThat(result.recommendation()).isEmpty();
        assertThat(reportRecommendation(temp.resolve("bad"))).isNull();
        assertThat(console).noneMatch(l -> l.startsWith("recommendation:") || l.contains("diagnos"));
    }

    @Test
    void aFailedFirstDeployRemovesWhatItCreated() throws Exception {
        cluster.kubelet.behave(BAD, Behaviour.OOM_KILLED);

        DeployResult result = deploy(spec("iris", BAD), "first");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.REMOVED);
        assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.OOM_KILLED);
        assertThat(deployment("iris")).isNull();
        assertThat(cluster.client.services().inNamespace(MockCluster.NAMESPACE).withName("iris").get()).isNull();
        assertThat(Files.readString(temp.resolve("first/objects.log"))).contains(BAD);
    }

    @Test
    void withRollbackDisabledTheFailedVersionStaysForInspection() throws Exception {
        cluster.kubelet.behave(BAD, Behaviour.CRASH_LOOP);
        deploy(spec("iris", GOOD), "good");

        DeployResult result = deploy(spec("iris", BAD).toBuilder().policy(p -> p.withRollback(false)).build(), "bad");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.FAILED);
        assertThat(image(deployment("iris"))).isEqualTo(BAD);
    }

    @Test
    void rollbackCommandGoesBackOneRevisionAndConfirmsItIsReady() throws Exception {
        deploy(spec("iris", GOOD), "one");
        deploy(spec("iris", BAD), "two"); // READY: nothing wrong with it, but we want the old one back

        DeployResult result = DeployService.rollback(new DeployRequest(spec("iris", BAD), temp.resolve("rollback"), "test",
                cluster.connection(), null), console::add);

        assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        assertThat(image(deployment("iris"))).isEqualTo(GOOD);
        assertThat(result.rollbackNote().orElseThrow()).contains("rolled back to revision 1");
    }

    @Test
    void aDeployWaitsForAnotherDeployOfTheSameObjectAndSaysWhoHoldsIt() throws Exception {
        var lease = new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                .withNewMetadata().withName(DeployLease.leaseName("iris")).endMetadata()
                .withNewSpec().withHolderIdentity("jenkins other-pipeline #7").withAcquireTime(java.time.ZonedDateTime.now())
                .withRenewTime(java.time.ZonedDateTime.now()).withLeaseDurationSeconds(600).endSpec().build();
        cluster.client.leases().inNamespace(MockCluster.NAMESPACE).resource(lease).create();
        java.util.concurrent.CompletableFuture<DeployResult> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return deploy(spec("iris", GOOD), "waiting");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        while (console.stream().noneMatch(l -> l.contains("is held by")) && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(20);
        }
        assertThat(console).anyMatch(l -> l.matches("deploy of models/iris is held by jenkins other-pipeline #7 since \\S+; waiting"));
        assertThat(deployment("iris")).as("nothing is applied while the other deploy holds the lock").isNull();

        cluster.client.leases().inNamespace(MockCluster.NAMESPACE).withName(DeployLease.leaseName("iris")).delete();

        assertThat(waiting.get(15, java.util.concurrent.TimeUnit.SECONDS).outcome()).isEqualTo(DeployOutcome.DEPLOYED);
    }

    @Test
    void aDeployGivesUpWhenTheLockIsHeldPastItsTimeout() {
        var lease = new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                .withNewMetadata().withName(DeployLease.leaseName("iris")).endMetadata()
                .withNewSpec().withHolderIdentity("jenkins other-pipeline #7").withAcquireTime(java.time.ZonedDateTime.now())
                .withRenewTime(java.time.ZonedDateTime.now()).withLeaseDurationSeconds(600).endSpec().build();
        cluster.client.leases().inNamespace(MockCluster.NAMESPACE).resource(lease).create();
        DeploySpec spec = spec("iris", GOOD);

        assertThatThrownBy(() -> deploy(spec.toBuilder().policy(p -> p.withLockTimeout(Duration.ofMillis(500))).build(), "late"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("deploy of models/iris is still held by jenkins other-pipeline #7 since")
                .hasMessageContaining("delete the Lease models/mlship-deploy-iris");
        assertThat(deployment("iris")).isNull();
    }

    @Test
    void aMissingNamespaceIsAClearErrorAndNothingIsApplied() {
        assertThatThrownBy(() -> deploy(spec("iris", GOOD).toBuilder().namespace("nowhere").build(), "nowhere"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("namespace nowhere does not exist on " + cluster.connection().describe())
                .hasMessageContaining("kubectl create namespace nowhere");
        assertThat(cluster.client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void anUnreachableApiServerIsAClearError() {
        DeployRequest request = new DeployRequest(spec("iris", GOOD), temp, "test",
                io.mlship.core.deploy.ClusterConnection.of("https://127.0.0.1:1", "token"), null);

        assertThatThrownBy(() -> DeployService.deploy(request, console::add))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("cannot reach the Kubernetes API server https://127.0.0.1:1")
                .hasMessageContaining("check the server address");
    }

    @Test
    void rejectedCredentialsAndMissingPermissionsAreClearErrors() {
        cluster.server.expect().get().withPath("/api/v1/namespaces/models").andReturn(401, "{\"kind\":\"Status\",\"code\":401,\"message\":\"Unauthorized\"}").once();
        assertThatThrownBy(() -> deploy(spec("iris", GOOD), "unauthorized"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("rejected the credentials (HTTP 401)");

        cluster.server.expect().get().withPath("/api/v1/namespaces/models/pods?labelSelector=io.mlship%2Fdeploy%3Diris")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"pods is forbidden: User \\\"ci\\\" cannot list resource \\\"pods\\\"\"}").once();
        assertThatThrownBy(() -> deploy(spec("iris", GOOD), "forbidden"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("not allowed (HTTP 403)")
                .hasMessageContaining("cannot list resource \"pods\"");
        assertThat(deployment("iris")).isNull();
    }

    @Test
    void aWriteFailingMidwayUndoesTheWritesBeforeIt() {
        cluster.server.expect().post().withPath("/api/v1/namespaces/models/services")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"services is forbidden\"}").once();

        assertThatThrownBy(() -> deploy(spec("iris", GOOD), "midway"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("services is forbidden");
        assertThat(deployment("iris")).as("the Deployment created before the failing Service is removed").isNull();
        assertThat(console).contains("  created Deployment models/iris", "  removed Deployment models/iris (this deploy created it)");
    }

    @Test
    void parallelDeploysOfDifferentModelsDoNotInterfere() throws Exception {
        List<ParallelDeploys.Run> runs = ParallelDeploys.run(cluster, 6, temp);

        assertThat(runs).hasSize(6).allSatisfy(run -> {
            assertThat(run.crossTalk()).as(run.model() + " output names other models").isEmpty();
            assertThat(run.result().object()).isEqualTo("models/" + run.model());
            boolean failing = run.model().endsWith("03") || run.model().endsWith("06");
            assertThat(run.result().outcome()).as(run.model() + ": " + run.result().failure().map(f -> f.summary()).orElse("") + "\n" + String.join("\n", run.console()))
                    .isEqualTo(failing ? DeployOutcome.ROLLED_BACK : DeployOutcome.DEPLOYED);
            assertThat(image(deployment(run.model()))).isEqualTo(ParallelDeploys.image(Integer.parseInt(run.model().substring(12)), false));
        });
    }

    @Test
    void userManifestsAreAppliedWithTheDeploysImageOnTheModelContainer() throws Exception {
        Path manifest = temp.resolve("k8s.yaml");
        Files.writeString(manifest, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: iris, labels: {team: ml}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: iris}}
                  template:
                    metadata: {labels: {app: iris}}
                    spec:
                      containers:
                      - name: model
                        image: placeholder:0
                      - name: metrics-sidecar
                        image: registry.local:5000/sidecar:1.2
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: iris-settings}
                data: {threshold: "0.5"}
                """);
        DeploySpec spec = spec("iris", GOOD);
        DeploySpec withManifests = spec.toBuilder().manifests(List.of(manifest)).build();

        DeployResult result = deploy(withManifests, "manifests");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        Deployment d = deployment("iris");
        assertThat(d.getMetadata().getNamespace()).isEqualTo(MockCluster.NAMESPACE);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getImage())
                .containsExactly(GOOD, "registry.local:5000/sidecar:1.2");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(ModelLabels.SELECTOR, "iris").containsEntry("app", "iris");
        assertThat(cluster.client.configMaps().inNamespace(MockCluster.NAMESPACE).withName("iris-settings").get()).isNotNull();
        assertThat(cluster.client.services().inNamespace(MockCluster.NAMESPACE).withName("iris").get()).as("nothing rendered").isNull();
    }

    @Test
    void manifestsWithoutTheNamedDeploymentAreRefusedBeforeAnyWrite() throws Exception {
        Path manifest = temp.resolve("k8s.yaml");
        Files.writeString(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: iris-settings}\n");
        DeploySpec spec = spec("iris", GOOD);
        DeploySpec withManifests = spec.toBuilder().manifests(List.of(manifest)).build();

        assertThatThrownBy(() -> deploy(withManifests, "no-deployment"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("deploy.manifests must hold exactly one Deployment named `iris` (deploy.name); found 0");
        assertThat(cluster.client.configMaps().inNamespace(MockCluster.NAMESPACE).withName("iris-settings").get()).isNull();
    }

    @Test
    void aRolloutThatCannotBeWatchedIsPutBackBeforeTheErrorIsReported() throws Exception {
        deploy(spec("iris", GOOD), "good");
        // The informer's initial list of ReplicaSets is refused (the access check's list, without
        // resourceVersion=0, is not): the watch cannot start after the objects were applied.
        cluster.server.expect().get().withPath("/apis/apps/v1/namespaces/models/replicasets?labelSelector=io.mlship%2Fdeploy%3Diris&resourceVersion=0")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"replicasets is forbidden: watch\"}").always();

        assertThatThrownBy(() -> deploy(spec("iris", BAD), "unwatched"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("replicasets is forbidden")
                .hasMessageContaining("the objects were put back as they were before this deploy");
        assertThat(image(deployment("iris"))).isEqualTo(GOOD);
        assertThat(console).contains("  restored Deployment models/iris as it was before this deploy");
    }

    @Test
    void aDeployStoppedWhileItsRolloutIsWatchedPutsBackWhatItChanged() throws Exception {
        cluster.kubelet.behave(BAD, Behaviour.NEVER_READY);
        deploy(spec("iris", GOOD), "good");
        DeploySpec stopped = spec("iris", BAD).toBuilder()
                .policy(p -> p.withReadinessWindow(Duration.ofSeconds(60)).withProgressDeadline(Duration.ofSeconds(60))).build();
        console.clear();
        java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
        Thread deploy = new Thread(() -> {
            try {
                deploy(stopped, "stopped");
            } catch (Throwable e) {
                ended.set(e);
            }
        }, "deploy");
        deploy.start();
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (console.stream().noneMatch(l -> l.startsWith("deploying " + BAD))) {
            assertThat(System.nanoTime()).as("the deploy started: " + console).isLessThan(giveUp);
            Thread.sleep(20);
        }
        while (console.stream().noneMatch(l -> l.equals("  applied Service models/iris"))) {
            assertThat(System.nanoTime()).as("the objects were applied: " + console).isLessThan(giveUp);
            Thread.sleep(20);
        }
        Thread.sleep(300); // the watch of the rollout is running
        deploy.interrupt(); // what the CLI's TerminationHandler does on SIGTERM
        deploy.join(30_000);

        assertThat(deploy.isAlive()).isFalse();
        assertThat(ended.get()).as(String.join("\n", console)).isInstanceOf(InterruptedException.class);
        assertThat(console).contains("stopped while watching the rollout of models/iris; putting back what this deploy changed",
                "  restored Deployment models/iris as it was before this deploy",
                "the objects were put back as they were before this deploy");
        assertThat(image(deployment("iris"))).isEqualTo(GOOD);
        assertThat(cluster.client.leases().inNamespace(MockCluster.NAMESPACE).withName(DeployLease.leaseName("iris")).get()).isNull();
    }

    @Test
    void secretsAreMaskedInTheEvidenceAndInTheQuotedLogLines() throws Exception {
        cluster.kubelet.behave(BAD, Behaviour.OOM_KILLED);
        deploy(spec("iris", GOOD), "good");
        String secret = "40 MiB of model weights"; // stands in for a credential a model server printed
        DeployRequest request = new DeployRequest(spec("iris", BAD), temp.resolve("masked"), "test", cluster.connection(), null,
                io.mlship.core.log.capture.CaptureSettings.defaults().withSecrets(List.of(secret)));

        DeployResult result = DeployService.deploy(request, console::add);

        RolloutFailure failure = result.failure().orElseThrow();
        assertThat(failure.lastLines()).anyMatch(l -> l.startsWith("allocating ")).noneMatch(l -> l.contains(secret));
        try (var files = Files.walk(temp.resolve("masked"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
            }
        }
        assertThat(String.join("\n", console)).doesNotContain(secret);
    }

    @Test
    void twoDeploysOfTheSameObjectAreSerializedAndTheSecondSaysWhomItWaitsFor() throws Exception {
        String slow = "registry.local:5000/team/iris:1.5.0-slow";
        cluster.kubelet.behave(slow, Behaviour.SLOW_READY);
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        List<String> second = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CompletableFuture<DeployResult> a = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return DeployService.deploy(new DeployRequest(spec("iris", slow), temp.resolve("a"), "pipeline a #1",
                        cluster.connection(), null), first::add);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        while (first.stream().noneMatch(l -> l.startsWith("deploying ")) && System.nanoTime() - start < 10_000_000_000L) {
            Thread.sleep(10); // a holds the lock once it says it is deploying
        }

        DeployResult b = DeployService.deploy(new DeployRequest(spec("iris", GOOD), temp.resolve("b"), "pipeline b #1",
                cluster.connection(), null), second::add);

        assertThat(a.get(15, java.util.concurrent.TimeUnit.SECONDS).outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(b.outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(second).anyMatch(l -> l.matches("deploy of models/iris is held by pipeline a #1 since \\S+; waiting"));
        assertThat(first).noneMatch(l -> l.contains("is held by"));
        assertThat(image(deployment("iris"))).as("the second deploy ran after the first").isEqualTo(GOOD);
        assertThat(first).noneMatch(l -> l.contains(GOOD));
        assertThat(second).noneMatch(l -> l.contains(slow));
    }
}
