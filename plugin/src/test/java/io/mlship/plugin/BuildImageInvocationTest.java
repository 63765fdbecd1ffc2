package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildFailedException;
import io.mlship.core.image.ImageBuildResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's translation from step fields to a core build, run against the real Docker daemon. */
class BuildImageInvocationTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream stepLog = new ByteArrayOutputStream();

    private Map<String, String> buildEnvironment() {
        return Map.of("DOCKER_HOST", DockerEndpoint.fromEnvironment().host());
    }

    @Test
    void buildsFromTheWorkspaceAndKeepsTheLogWithTheBuild() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("workspace/model"));
        Files.writeString(workspace.resolve("Model.Dockerfile"), "FROM mlship/base:busybox\nRUN echo built-by-jenkins\n");
        Path buildDir = Files.createDirectories(temp.resolve("jobs/m/builds/7"));
        String image = "mlship-test/plugin:" + UUID.randomUUID().toString().substring(0, 8);
        BuildImageStep step = new BuildImageStep(image);
        step.setContext("model");
        step.setDockerfile("Model.Dockerfile");

        ImageBuildResult result = new BuildImageInvocation(temp.resolve("workspace"), buildDir, buildEnvironment())
                .build(step, new PrintStream(stepLog, true, StandardCharsets.UTF_8)).build();

        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            assertThat(result.imageId()).isEqualTo(docker.inspectImageCmd(image).exec().getId());
            docker.removeImageCmd(image).exec();
        }
        assertThat(result.logFile()).startsWith(buildDir.resolve("mlship"));
        assertThat(Files.readString(result.logFile())).contains("Successfully tagged " + image);
        assertThat(result.logFile().resolveSibling("build-report.json")).exists();
        String console = stepLog.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("Step 2/3 : RUN echo built-by-jenkins")
                .contains("[mlship] complete build log: " + result.logFile());
    }

    @Test
    void failingBuildNamesTheInstructionInTheStepLog() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(workspace.resolve("Dockerfile"), "FROM mlship/base:busybox\nRUN echo cannot-load-model && exit 4\n");
        BuildImageStep step = new BuildImageStep("mlship-test/plugin-broken:" + UUID.randomUUID().toString().substring(0, 8));

        assertThatThrownBy(() -> new BuildImageInvocation(workspace, temp.resolve("build"), buildEnvironment())
                .build(step, new PrintStream(stepLog, true, StandardCharsets.UTF_8)))
                .isInstanceOf(ImageBuildFailedException.class)
                .hasMessageContaining("Dockerfile:2 (step 2)")
                .hasMessageContaining("| cannot-load-model");
        assertThat(stepLog.toString(StandardCharsets.UTF_8)).contains("cannot-load-model");
    }

    @Test
    void valuesOfMaskedVariablesNeverReachTheStoredLogAndNoiseIsNotShown() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("masked"));
        Files.writeString(workspace.resolve("Dockerfile"), "FROM mlship/base:busybox\nARG HF_TOKEN\n"
                + "RUN echo \"fetching weights with $HF_TOKEN\" && echo 'GET /healthz 200 kube-probe/1.30'\n");
        String token = "hf-" + UUID.randomUUID();
        String image = "mlship-test/plugin-masked:" + UUID.randomUUID().toString().substring(0, 8);
        BuildImageStep step = new BuildImageStep(image);
        step.setMaskVariables(java.util.List.of("HF_TOKEN"));
        step.setNoise(java.util.List.of("^Removing intermediate container"));
        Map<String, String> environment = new java.util.HashMap<>(buildEnvironment());
        environment.put("HF_TOKEN", token);
        // The Dockerfile gets the token as a build argument the way a Jenkinsfile would pass it.
        Files.writeString(workspace.resolve("Dockerfile"), Files.readString(workspace.resolve("Dockerfile"))
                .replace("$HF_TOKEN", token));

        ImageBuildResult result = new BuildImageInvocation(workspace, temp.resolve("jobs/b/builds/3"), environment)
                .build(step, new PrintStream(stepLog, true, StandardCharsets.UTF_8)).build();

        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            docker.removeImageCmd(image).withForce(true).exec();
        }
        String stored = Files.readString(result.logFile());
        assertThat(stored).contains("fetching weights with ****").doesNotContain(token).contains("kube-probe/1.30");
        String console = stepLog.toString(StandardCharsets.UTF_8);
        assertThat(console).doesNotContain(token).doesNotContain("| GET /healthz").doesNotContain("Removing intermediate container")
                .contains("4 noise not shown, 2 with secrets masked");
    }

    @Test
    void aMaskedVariableThatIsNotBoundIsAnError() {
        BuildImageStep step = new BuildImageStep("mlship-test/never:1");
        step.setMaskVariables(java.util.List.of("NOT_BOUND"));
        assertThatThrownBy(() -> new BuildImageInvocation(temp, temp.resolve("b"), buildEnvironment())
                .build(step, new PrintStream(stepLog, true, StandardCharsets.UTF_8)))
                .hasMessageContaining("maskVariables names $NOT_BOUND, which is not set here");
    }
}
