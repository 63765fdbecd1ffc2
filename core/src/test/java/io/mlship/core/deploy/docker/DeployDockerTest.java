package io.mlship.core.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeployImage;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker target on the real daemon with the example model image: a good deploy, a real OOM kill
 * (24 MiB for a model that keeps 40 MiB resident) rolled back to the running container, a failed
 * first deploy, the rollback command, and the deploy lock.
 */
class DeployDockerTest {

    static final String IMAGE = "mlship-test-deploy/iris:" + UUID.randomUUID().toString().substring(0, 8);

    static DockerClient docker;

    @TempDir
    Path temp;

    final String name = "mlship-test-deploy-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void buildExampleImage(@TempDir Path work) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        TestModelImage.build(docker, IMAGE, work);
    }

    @AfterAll
    static void removeImage() throws Exception {
        docker.removeImageCmd(IMAGE).withForce(true).exec();
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        EdgeDeployTest.cleanUp(docker, name, List.of());
    }

    DeploySpec spec(String memory) {
        return DeploySpec.builder().name(name).image(new DeployImage(IMAGE)).target(DeployTarget.DOCKER)
                .resources(new Resources(Optional.empty(), Optional.of(MemorySize.parse(memory)), Optional.empty(), Optional.empty()))
                .policy(p -> p.withReadinessWindow(Duration.ofSeconds(30)).withLockTimeout(Duration.ofSeconds(20)))
                .docker(new DockerHostOptions("127.0.0.1", Optional.empty(), 2))
                .build();
    }

    DeployResult deploy(DeploySpec spec, String run) throws InterruptedException {
        return DeployService.deploy(request(spec, run), console::add);
    }

    DeployRequest request(DeploySpec spec, String run) {
        return new DeployRequest(spec, temp.resolve(run), "test " + run, ClusterConnection.fromKubeconfig(), DockerEndpoint.fromEnvironment());
    }

    InspectContainerResponse container(String containerName) {
        return docker.inspectContainerCmd(containerName).exec();
    }

    @Test
    void aRealOomKillIsCaughtAndThePreviousContainerIsRestoredAndReady() throws Exception {
        DeployResult good = deploy(spec("128m"), "good");
        assertThat(good.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        String goodId = container(name + "-blue").getId();
        assertThat(container(name + "-blue").getHostConfig().getRestartPolicy().toString()).isEqualTo("on-failure:2");

        DeployResult starved = deploy(spec("24m"), "starved");

        assertThat(starved.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.ROLLED_BACK);
        RolloutFailure failure = starved.failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(FailureReason.OOM_KILLED);
        assertThat(failure.exitCode()).contains(137);
        assertThat(failure.limits()).isEqualTo("memory 24Mi");
        assertThat(failure.summary()).startsWith("container " + name + "-green (" + IMAGE + "): OOMKilled, exit code 137");
        assertThat(starved.rollbackNote().orElseThrow()).startsWith("kept " + name + "-blue (" + IMAGE + ") serving: the edge never left it");
        // The good container still serves (the edge never left it); the failed one is gone.
        InspectContainerResponse restored = container(name + "-blue");
        assertThat(restored.getId()).isEqualTo(goodId);
        assertThat(restored.getState().getRunning()).isTrue();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerDeployer.LABEL, name)).exec())
                .hasSize(1);
        Path evidence = temp.resolve("starved");
        assertThat(Files.readString(evidence.resolve("events.log"))).contains(" oom").contains(" die exitCode=137");
        assertThat(Files.exists(evidence.resolve("container-" + name + "-green.log"))).isTrue();
        assertThat(Files.readString(evidence.resolve(DeployService.REPORT))).contains("\"reason\" : \"OOM_KILLED\"");
    }

    @Test
    void aFailedFirstDeployLeavesNoContainer() throws Exception {
        DeployResult result = deploy(spec("24m"), "first");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.REMOVED);
        assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.OOM_KILLED);
        assertThatThrownBy(() -> container(name + "-blue")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void rollbackSwitchesTheEdgeBackAndForthAgain() throws Exception {
        deploy(spec("128m"), "one");
        String first = container(name + "-blue").getId();
        deploy(spec("96m"), "two");
        String second = container(name + "-green").getId();
        assertThat(container(name + "-blue").getState().getRunning()).isFalse();

        DeployResult back = DeployService.rollback(request(spec("96m"), "rollback"), console::add);

        assertThat(back.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.ROLLED_BACK);
        assertThat(back.revision()).contains(first.substring(0, 12));
        assertThat(container(name + "-blue").getState().getRunning()).isTrue();
        assertThat(container(name + "-green").getState().getRunning()).isFalse();

        DeployResult forward = DeployService.rollback(request(spec("96m"), "forward"), console::add);
        assertThat(forward.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        assertThat(forward.revision()).contains(second.substring(0, 12));
        assertThat(container(name + "-green").getState().getRunning()).isTrue();
    }

    @Test
    void aSecondDeployOfTheSameContainerWaitsForTheLock() throws Exception {
        docker.createContainerCmd(IMAGE).withName(DockerDeployLock.lockName(name))
                .withLabels(Map.of(DockerDeployLock.HOLDER, "jenkins edge-pipeline #3", DockerDeployLock.SINCE, "2026-11-23T17:00:00Z"))
                .exec();
        CompletableFuture<DeployResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return deploy(spec("128m"), "waiting");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        while (console.stream().noneMatch(l -> l.contains("is held by")) && System.nanoTime() - start < 10_000_000_000L) {
            Thread.sleep(20);
        }
        assertThat(console).contains("deploy of container " + name + " is held by jenkins edge-pipeline #3 since 2026-11-23T17:00:00Z; waiting");
        assertThatThrownBy(() -> container(name + "-blue")).isInstanceOf(NotFoundException.class);

        docker.removeContainerCmd(DockerDeployLock.lockName(name)).exec();

        assertThat(waiting.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(DeployOutcome.DEPLOYED);
    }

    @Test
    void anImageNotOnTheHostIsRefusedBeforeAnythingChanges() {
        DeploySpec spec = spec("128m").toBuilder().image(new DeployImage("mlship-test-deploy/absent:1")).build();

        assertThatThrownBy(() -> deploy(spec, "absent"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("image mlship-test-deploy/absent:1 is not on the Docker host")
                .hasMessageContaining("nothing was changed");
    }
}
