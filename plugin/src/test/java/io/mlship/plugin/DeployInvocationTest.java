package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlDeploy and mlRollback: registration, and their translation to core deploys on the real Docker daemon. */
class DeployInvocationTest {

    static final Path EXAMPLE = Path.of("..", "core", "src", "test", "resources", "busybox-model").toAbsolutePath().normalize();
    static final String IMAGE = "mlship-test-deploy/plugin:" + UUID.randomUUID().toString().substring(0, 8);
    static DockerClient docker;

    @TempDir
    Path workspace;

    final String name = "mlship-test-deploy-plugin-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void build(@TempDir Path logs) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        new ImageBuilder(docker).build(ImageBuildRequest.of(EXAMPLE, IMAGE, logs), LogSink.discarding());
    }

    @AfterAll
    static void remove() throws Exception {
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

    private Map<String, String> env() {
        return Map.of("DOCKER_HOST", DockerEndpoint.fromEnvironment().host(), "JOB_NAME", "iris-pipeline", "BUILD_NUMBER", "42");
    }

    private void project(String memory) throws Exception {
        Files.createDirectories(workspace.resolve("model"));
        Files.writeString(workspace.resolve("model/mlship.yaml"), "name: iris\nimage: {port: 8080}\ndeploy:\n  image: " + IMAGE
                + "\n  target: docker\n  resources: {limits: {memory: " + memory + "}}\n  docker: {hostIp: 127.0.0.1}\n"
                + "  rollout: {readinessWindowSeconds: 30}\n");
    }

    @Test
    void stepsAreRegisteredUnderTheirSymbols() {
        assertThat(DeployStep.DescriptorImpl.class.getAnnotation(Extension.class)).isNotNull();
        assertThat(DeployStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlDeploy");
        assertThat(RollbackStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlRollback");
        Set<Class<?>> required = Set.copyOf(new DeployStep.DescriptorImpl().getRequiredContext());
        assertThat(required).containsExactlyInAnyOrder(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
        DeployStep step = new DeployStep(" ");
        assertThat(step.getProject()).isEqualTo(".");
        assertThat(step.isRollback()).isTrue();
    }

    @Test
    void deploysFromTheWorkspaceKeepsEvidenceWithTheBuildAndExplainsAFailedDeploy() throws Exception {
        project("128Mi");
        DeployStep step = new DeployStep("model");
        step.setName(name);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        DeployResult good = new DeployInvocation(workspace, workspace.resolve("build"), env())
                .deploy(step, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(good.outcome()).as(log.toString(StandardCharsets.UTF_8)).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(good.logDirectory()).startsWith(workspace.resolve("build/mlship"));
        assertThat(DeployAction.of(good).isSucceeded()).isTrue();

        project("24Mi");
        DeployResult starved = new DeployInvocation(workspace, workspace.resolve("build"), env())
                .deploy(step, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(starved.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
        assertThat(DeployAction.failureMessage("mlDeploy", starved))
                .startsWith("mlDeploy: docker " + name + " ROLLED_BACK\n  failure:  container " + name + " (" + IMAGE + "): OOMKilled")
                .contains("OOMKilled, exit code 137", "limits memory 24Mi", "  rollback: kept " + name + "-blue (" + IMAGE + ") serving",
                        "  evidence: " + workspace.resolve("build/mlship"));
        DeployAction action = DeployAction.of(starved);
        assertThat(action.isSucceeded()).isFalse();
        assertThat(action.getFailure()).contains("OOMKilled");
    }

    @Test
    void theLockNamesTheJobAndBuild() {
        assertThat(DeployTargetStep.holder(env())).isEqualTo("jenkins iris-pipeline #42");
    }
}
