package io.mlship.core.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.common.MemorySize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker target with the real example model (examples/iris-model on mlship/base:python): it deploys
 * under its project's limit; a model file whose digest does not match fails the deploy with the
 * server's own line, not a time-out; an OOM kill of a real gunicorn worker is caught and rolled back.
 */
class RealModelDeployTest {

    static final Path EXAMPLE = Path.of("..", "examples", "iris-model").toAbsolutePath().normalize();
    static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    static final String GOOD = "mlship-test/iris-real-deploy:good-" + TAG;
    static final String CORRUPT = "mlship-test/iris-real-deploy:corrupt-" + TAG;

    static DockerClient docker;

    @TempDir
    Path temp;

    final String name = "mlship-test-real-deploy-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void buildImages(@TempDir Path logs) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        ImageBuilder builder = new ImageBuilder(docker);
        builder.build(ImageBuildRequest.of(EXAMPLE, GOOD, logs.resolve("good")), LogSink.discarding());
        Path context = Files.createDirectories(logs.resolve("corrupt-context"));
        builder.build(ImageBuildRequest.of(context, CORRUPT, logs.resolve("corrupt")).withGeneratedDockerfile(
                "FROM " + GOOD + "\nUSER 0\nRUN printf 'x' >> /srv/model/iris-v1.joblib\nUSER 65534\n"), LogSink.discarding());
    }

    @AfterAll
    static void removeImages() throws Exception {
        for (String image : List.of(CORRUPT, GOOD)) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException gone) {
                // never built
            }
        }
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        EdgeDeployTest.cleanUp(docker, name, List.of());
    }

    /** The example project's deploy section, on local Docker, under the given image and memory limit. */
    DeploySpec spec(String image, MemorySize memory) {
        return DeploySpecReader.read(EXAMPLE, DeployOverrides.none().withImage(image).withTarget(DeployTarget.DOCKER).withName(name))
                .toBuilder()
                .docker(new DockerHostOptions("127.0.0.1", Optional.empty(), 2))
                .resources(new Resources(Optional.empty(), Optional.of(memory), Optional.empty(), Optional.empty()))
                .build();
    }

    DeployResult deploy(DeploySpec spec, String run) throws InterruptedException {
        return DeployService.deploy(new DeployRequest(spec, temp.resolve(run), "test " + run, ClusterConnection.fromKubeconfig(),
                DockerEndpoint.fromEnvironment()), console::add);
    }

    @Test
    void aModelWhoseDigestDoesNotMatchFailsTheDeployWithTheServersLineAndIsRolledBack() throws Exception {
        MemorySize production = Limits.PRODUCTION;
        DeployResult good = deploy(spec(GOOD, production), "good");
        assertThat(good.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);

        DeployResult corrupt = deploy(spec(CORRUPT, production), "corrupt");

        assertThat(corrupt.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.ROLLED_BACK);
        RolloutFailure failure = corrupt.failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(FailureReason.EXITED);
        assertThat(failure.exitCode()).contains(2);
        assertThat(failure.lastLines()).anyMatch(line -> line.contains("iris-model: model file /srv/model/iris-v1.joblib has sha256 ")
                && line.contains("digest does not match, refusing to load it"));
        assertThat(String.join("\n", console)).contains("digest does not match");
        assertThat(docker.inspectContainerCmd(name + "-blue").exec().getConfig().getImage()).isEqualTo(GOOD);
    }

    @Test
    void aRealWorkerOomKillFailsTheDeployWithinSecondsAndIsRolledBack() throws Exception {
        DeployResult good = deploy(spec(GOOD, Limits.PRODUCTION), "good");
        assertThat(good.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);

        DeployResult starved = deploy(spec(GOOD, Limits.TOO_SMALL), "starved");

        assertThat(starved.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.ROLLED_BACK);
        RolloutFailure failure = starved.failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(FailureReason.OOM_KILLED);
        assertThat(failure.lastLines()).anyMatch(line -> line.contains("for exceeding the container's memory limit"));
        assertThat(docker.inspectContainerCmd(name + "-blue").exec().getState().getRunning()).isTrue();

        // the failed container was diagnosed before its removal: the limit at the kill × 1.25 (KRR), 128Mi → 160Mi
        ResourceRecommendation advice = starved.recommendation().orElseThrow(() -> new AssertionError(String.join("\n", console)));
        assertThat(advice.verdict()).isIn("OOM_KILLED", "CHILD_OOM");
        assertThat(advice.limitsMemory()).isEqualTo("160Mi");
        assertThat(advice.rule()).contains("limit at the OOM kill 128Mi × 1.25 = 160Mi");
        assertThat(console).contains("recommendation: set limits.memory: 160Mi (" + advice.verdict() + ")");
        assertThat(Files.readString(temp.resolve("starved").resolve("deploy-report.json")))
                .contains("\"recommendation\"").contains("\"limitsMemory\" : \"160Mi\"");

        // the same deploy under the recommended limit is not OOM-killed, and stays ready for a while
        MemorySize recommended = MemorySize.ofMebibytes(Long.parseLong(advice.limitsMemory().replace("Mi", "")));
        DeployResult advised = deploy(spec(GOOD, recommended), "advised");
        assertThat(advised.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(advised.recommendation()).isEmpty();
        Thread.sleep(3000);
        var state = docker.inspectContainerCmd(name + "-green").exec().getState();
        assertThat(state.getRunning()).isTrue();
        assertThat(state.getOOMKilled()).isFalse();
    }

    /** Limits of the example model, measured on the real image (docs/base-images.md). */
    static final class Limits {
        static final MemorySize PRODUCTION = MemorySize.parse("256m");
        static final MemorySize TOO_SMALL = MemorySize.parse("128m");
    }
}
