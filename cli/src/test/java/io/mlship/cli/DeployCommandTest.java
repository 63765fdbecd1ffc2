package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mlship deploy` and `mlship rollback`: bad input is refused with the field path and exit 1; the docker
 * target deploys, fails fast on a real OOM kill with the previous container restored, and rolls back.
 */
class DeployCommandTest {

    static final String IMAGE = "mlship-test-deploy/iris-cli:" + UUID.randomUUID().toString().substring(0, 8);
    static DockerClient docker;

    @TempDir
    Path project;

    final String name = "mlship-test-deploy-cli-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void buildExampleImage(@TempDir Path logs) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        new ImageBuilder(docker).build(ImageBuildRequest.of(BuildCommandTest.EXAMPLE_PROJECT, IMAGE, logs), LogSink.discarding());
    }

    @AfterAll
    static void removeImage() throws Exception {
        docker.removeImageCmd(IMAGE).withForce(true).exec();
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        for (String container : List.of(name + "-edge", name + "-blue", name + "-green", name + "-mlship-lock")) {
            try {
                docker.removeContainerCmd(container).withForce(true).exec();
            } catch (NotFoundException gone) {
                // not created by this test
            }
        }
        try {
            docker.removeNetworkCmd(name + "-mlship-net").exec();
        } catch (NotFoundException gone) {
            // not created by this test
        }
    }

    private void project(String deploySection) throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), "name: iris\nimage: {port: 8080}\ndeploy:\n" + deploySection);
    }

    @Test
    void anInvalidSpecIsRefusedWithTheFieldPath() throws Exception {
        project("  image: iris:1\n  resources: {limits: {memory: plenty}}\n");

        CliRun run = CliRun.of("deploy", "--project", project.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mlship: " + project.resolve("mlship.yaml") + ": deploy.resources.limits.memory `plenty` is not a memory size");
    }

    @Test
    void anImageWithoutTagIsRefused() throws Exception {
        project("  namespace: models\n");

        CliRun run = CliRun.of("deploy", "--project", project.toString(), "--image", "registry:5000/iris");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("deploy.image `registry:5000/iris` has neither a tag nor a digest");
    }

    @Test
    void anUnreachableApiServerIsAClearError() throws Exception {
        project("  image: iris:1\n  namespace: models\n");

        CliRun run = CliRun.of("deploy", "--project", project.toString(), "--server", "https://127.0.0.1:1",
                "--log-dir", project.resolve("logs").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mlship: cannot reach the Kubernetes API server https://127.0.0.1:1");
    }

    @Test
    void deploysToDockerFailsFastOnARealOomKillAndRollsBack() throws Exception {
        project("  image: " + IMAGE + "\n  target: docker\n  name: " + name + "\n  resources: {limits: {memory: 128Mi}}\n"
                + "  docker: {hostIp: 127.0.0.1, restartRetries: 2}\n  rollout: {readinessWindowSeconds: 30}\n");

        CliRun good = CliRun.of("deploy", "--project", project.toString(), "--log-dir", project.resolve("good").toString());
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
        assertThat(good.out()).contains("== docker " + name + ": DEPLOYED").containsPattern("   url:      http://127\\.0\\.0\\.1:\\d+/ "
                + "\\(edge container " + name + "-edge\\)");
        String goodId = docker.inspectContainerCmd(name + "-blue").exec().getId();

        project("  image: " + IMAGE + "\n  target: docker\n  name: " + name + "\n  resources: {limits: {memory: 24Mi}}\n"
                + "  docker: {hostIp: 127.0.0.1, restartRetries: 2}\n  rollout: {readinessWindowSeconds: 30}\n");
        CliRun starved = CliRun.of("deploy", "--project", project.toString(), "--log-dir", project.resolve("starved").toString());

        assertThat(starved.exitCode()).as(starved.out() + starved.err()).isEqualTo(1);
        assertThat(starved.out()).contains("== docker " + name + ": ROLLED_BACK")
                .contains("   failure:  container " + name + "-green (" + IMAGE + "): OOMKilled, exit code 137")
                .contains("limits memory 24Mi")
                .contains("   rollback: kept " + name + "-blue (" + IMAGE + ") serving: the edge never left it")
                .contains("report: " + project.resolve("starved").resolve("deploy-report.json").toAbsolutePath());
        assertThat(docker.inspectContainerCmd(name + "-blue").exec().getId()).isEqualTo(goodId);

        CliRun rollback = CliRun.of("rollback", "--project", project.toString(), "--log-dir", project.resolve("rollback").toString());
        // The failed container was removed, so there is nothing earlier to go back to: said plainly.
        assertThat(rollback.exitCode()).isEqualTo(1);
        assertThat(rollback.err()).contains("there is no earlier container of " + name).contains("the edge keeps serving " + name + "-blue");
    }
}
