package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship build` end to end against the real Docker daemon started by scripts/services. */
class BuildCommandTest {

    static final Path EXAMPLE_PROJECT = Path.of("..", "core", "src", "test", "resources", "busybox-model").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private DockerClient docker;
    private final String image = "mlship-test/cli-build:" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            docker.removeImageCmd(image).exec(); // by tag: never by a list filter, which old daemons ignore
        } catch (NotFoundException neverTagged) {
            // a failed build leaves no tag
        }
        docker.close();
    }

    @Test
    void buildsTheImageAndSaysWhereTheImageAndTheLogAre() throws Exception {
        Path report = temp.resolve("report.json");
        CliRun run = CliRun.of("build", "--context", EXAMPLE_PROJECT.toString(), "--image", image,
                "--log-dir", temp.resolve("logs").toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = docker.inspectImageCmd(image).exec().getId();
        assertThat(run.out()).contains("image: " + image + " (" + id + ")")
                .contains("complete build log: " + temp.resolve("logs/build.log"));
        assertThat(Files.readString(temp.resolve("logs/build.log"))).contains("Successfully tagged " + image);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("status").asText()).isEqualTo("success");
        assertThat(json.get("imageId").asText()).isEqualTo(id);
    }

    @Test
    void failingBuildExitsOneNamingTheInstructionAndWritesAFailureReport() throws Exception {
        Path project = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(project.resolve("Dockerfile"), "FROM mlship/base:busybox\nRUN echo boom && false\n");
        Path report = temp.resolve("report.json");

        CliRun run = CliRun.of("build", "--context", project.toString(), "--image", image,
                "--log-dir", temp.resolve("logs").toString(), "--report", report.toString(), "--no-cache");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mlship: image build failed at " + project.resolve("Dockerfile") + ":2 (step 2)")
                .contains("| boom")
                .contains("complete build log: " + temp.resolve("logs/build.log"));
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("status").asText()).isEqualTo("failure");
        assertThat(json.get("failingInstruction").get("line").asInt()).isEqualTo(2);
    }

    @Test
    void aDockerfileSyntaxErrorIsTheDaemonsMessageWithoutAStackTrace() throws Exception {
        Path project = Files.createDirectories(temp.resolve("syntax"));
        Files.writeString(project.resolve("Dockerfile"), "FROM mlship/base:busybox\nFOO bar\n");
        java.io.PrintStream systemErr = System.err;
        java.io.ByteArrayOutputStream stray = new java.io.ByteArrayOutputStream();
        CliRun run;
        System.setErr(new java.io.PrintStream(stray, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run = CliRun.of("build", "--context", project.toString(), "--image", image,
                    "--log-dir", temp.resolve("logs").toString(), "--report", temp.resolve("report.json").toString());
        } finally {
            System.setErr(systemErr);
        }
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the Docker daemon refused the build: dockerfile parse error line 2: unknown instruction: FOO")
                .doesNotContain("Status 400").doesNotContain("{\"message\"");
        assertThat(stray.toString(java.nio.charset.StandardCharsets.UTF_8)).as("docker-java's own log")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void invalidImageReferenceIsRefusedBeforeConnecting() {
        CliRun run = CliRun.of("build", "--context", EXAMPLE_PROJECT.toString(), "--image", "Bad/Ref",
                "--docker-host", "unix:///nonexistent.sock");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("image reference `Bad/Ref` is not valid");
    }

    @Test
    void unreachableDaemonNamesTheFix() {
        CliRun run = CliRun.of("build", "--context", EXAMPLE_PROJECT.toString(), "--image", image,
                "--log-dir", temp.resolve("logs").toString(), "--docker-host", "unix:///nonexistent/docker.sock");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the Docker daemon at unix:///nonexistent/docker.sock")
                .contains("scripts/services start");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun run = CliRun.of("build", "--image", image);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--context=<context>'");
    }
}
