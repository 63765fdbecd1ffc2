package io.mlship.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.MlshipException;
import io.mlship.core.common.DockerfileInstructions;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.capture.CaptureSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds real images on the Docker daemon started by scripts/services (see scripts/test). */
class ImageBuilderTest {

    static final Path EXAMPLE_PROJECT = Path.of("src", "test", "resources", "busybox-model").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private DockerClient docker;
    private final List<String> createdImages = new ArrayList<>();
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void connect() {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
    }

    @AfterEach
    void removeImages() throws IOException {
        for (String image : createdImages) {
            try {
                docker.removeImageCmd(image).exec();
            } catch (NotFoundException alreadyGone) {
                // a failed build never tagged it
            }
        }
        docker.close();
    }

    private String uniqueImage(String name) {
        String image = "mlship-test/" + name + ":" + UUID.randomUUID().toString().substring(0, 8);
        createdImages.add(image);
        return image;
    }

    @Test
    void buildsTheExampleModelImageAndKeepsTheCompleteLog() throws Exception {
        String image = uniqueImage("iris");
        ImageBuildRequest request = ImageBuildRequest.of(EXAMPLE_PROJECT, image, temp.resolve("logs")).withoutCache();

        ImageBuildResult result = new ImageBuilder(docker).build(request, console::add);

        String inspectedId = docker.inspectImageCmd(image).exec().getId();
        assertThat(result.imageId()).isEqualTo(inspectedId).startsWith("sha256:");
        assertThat(result.logFile()).isEqualTo(temp.resolve("logs").resolve("build.log"));
        List<String> logged = Files.readAllLines(result.logFile());
        // Every step of the Dockerfile and the model check's own output are in the file...
        int steps = DockerfileInstructions.read(EXAMPLE_PROJECT.resolve("Dockerfile")).all().size();
        for (int step = 1; step <= steps; step++) {
            String prefix = "Step " + step + "/" + steps + " : ";
            assertThat(logged).anyMatch(line -> line.startsWith(prefix));
        }
        assertThat(logged).anyMatch(line -> line.startsWith("model iris-logreg.json ok:"));
        assertThat(logged).anyMatch(line -> line.startsWith("Successfully tagged " + image));
        // ...and the console saw the condensed view: every step (stage markers are always shown), the end, and where the file is.
        for (int step = 1; step <= steps; step++) {
            String prefix = "Step " + step + "/" + steps + " : ";
            assertThat(console).anyMatch(line -> line.contains("build:") && line.contains("| " + prefix));
        }
        assertThat(console).anyMatch(line -> line.contains("| Successfully tagged " + image));
        assertThat(console).last().asString().contains("complete log: " + result.logFile());
    }

    @Test
    void failingInstructionIsNamedWithItsOutputAndTheLogIsKept() throws Exception {
        Path project = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(project.resolve("Dockerfile"), String.join("\n",
                "FROM mlship/base:busybox",
                "RUN echo preparing",
                "# the next instruction fails",
                "RUN echo 'pip: no matching distribution for torch==9.9' >&2 && \\",
                "    exit 3",
                "RUN echo never reached",
                ""));
        String image = uniqueImage("broken");
        ImageBuildRequest request = ImageBuildRequest.of(project, image, temp.resolve("logs")).withoutCache();

        assertThatThrownBy(() -> new ImageBuilder(docker).build(request, console::add))
                .isInstanceOfSatisfying(ImageBuildFailedException.class, failure -> {
                    DockerfileInstructions.Instruction at = failure.failingInstruction().orElseThrow();
                    assertThat(at.step()).isEqualTo(3);
                    assertThat(at.line()).isEqualTo(4);
                    assertThat(at.text()).startsWith("RUN echo 'pip: no matching distribution");
                    assertThat(failure.stepOutput()).contains("pip: no matching distribution for torch==9.9");
                    assertThat(failure.daemonError()).contains("returned a non-zero code: 3");
                    assertThat(failure.getMessage())
                            .contains("Dockerfile:4 (step 3)")
                            .contains("| pip: no matching distribution for torch==9.9")
                            .contains("complete build log: " + failure.logFile());
                });
        List<String> logged = Files.readAllLines(temp.resolve("logs/build.log"));
        assertThat(logged).contains("preparing", "pip: no matching distribution for torch==9.9");
        assertThat(logged).noneMatch(line -> line.contains("never reached") && !line.startsWith("Step"));
        assertThat(logged.get(logged.size() - 1)).startsWith("ERROR: ").contains("non-zero code: 3");
        // forcerm: no intermediate container of the failed step is left behind
        assertThat(docker.listContainersCmd().withShowAll(true).exec())
                .noneMatch(c -> c.getCommand() != null && c.getCommand().contains("torch==9.9"));
    }

    @Test
    void aLargeBuildContextReportsProgress() throws Exception {
        Path project = Files.createDirectories(temp.resolve("large"));
        Files.writeString(project.resolve("Dockerfile"), "FROM mlship/base:busybox\n");
        try (java.io.OutputStream weights = Files.newOutputStream(project.resolve("weights.bin"))) {
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < ContextProgress.QUIET_MIB + 8; i++) {
                weights.write(mib);
            }
        }
        new ImageBuilder(docker).build(ImageBuildRequest.of(project, uniqueImage("large"), temp.resolve("large-logs")), console::add);
        assertThat(console).anyMatch(l -> l.matches("   build context: \\d+ MiB sent to the Docker daemon \\(\\d+ s\\)"));
    }

    @Test
    void missingBaseImageIsExplained() throws Exception {
        Path project = Files.createDirectories(temp.resolve("nobase"));
        Files.writeString(project.resolve("Dockerfile"), "FROM mlship-test/no-such-base:1\nRUN true\n");
        ImageBuildRequest request = ImageBuildRequest.of(project, uniqueImage("nobase"), temp.resolve("logs"));
        assertThatThrownBy(() -> new ImageBuilder(docker).build(request, console::add))
                .isInstanceOfSatisfying(ImageBuildFailedException.class, failure -> {
                    assertThat(failure.failingInstruction().orElseThrow().step()).isEqualTo(1);
                    assertThat(failure.getMessage()).contains("hint: the base image is not on this Docker daemon");
                });
    }

    @Test
    void aSecretPrintedByTheBuildIsMaskedInTheLogAndOnTheConsole() throws Exception {
        Path project = Files.createDirectories(temp.resolve("secret"));
        Files.writeString(project.resolve("Dockerfile"),
                "FROM mlship/base:busybox\nARG DEPLOY_TOKEN\nRUN echo \"using token $DEPLOY_TOKEN\"\n");
        String token = "s3cr3t-" + UUID.randomUUID();
        ImageBuildRequest request = ImageBuildRequest.of(project, uniqueImage("secret"), temp.resolve("secret-logs"))
                .withBuildArgs(Map.of("DEPLOY_TOKEN", token));

        ImageBuildResult result = new ImageBuilder(docker).build(request, CaptureSettings.defaults().withSecrets(List.of(token)), console::add);

        String log = Files.readString(result.logFile());
        assertThat(log).contains("using token ****").doesNotContain(token);
        assertThat(String.join("\n", console)).contains("using token ****").doesNotContain(token);
    }

    @Test
    void buildArgumentsReachTheBuild() throws Exception {
        Path project = Files.createDirectories(temp.resolve("args"));
        Files.writeString(project.resolve("Dockerfile"),
                "FROM mlship/base:busybox\nARG MODEL_VERSION\nRUN echo \"version=$MODEL_VERSION\"\n");
        String image = uniqueImage("args");
        ImageBuildRequest request = ImageBuildRequest.of(project, image, temp.resolve("logs"))
                .withBuildArgs(Map.of("MODEL_VERSION", "7.3"));

        new ImageBuilder(docker).build(request, console::add);

        assertThat(console).anyMatch(line -> line.endsWith("| version=7.3"));
    }

    @Test
    void aContextFileThatChangesWhileItIsSentFailsTheBuildAndTagsNothing() throws Exception {
        Path context = Files.createDirectories(temp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY model.bin /model.bin\n");
        Path model = context.resolve("model.bin");
        try (RandomAccessFile file = new RandomAccessFile(model.toFile(), "rw")) {
            file.setLength(512L << 20); // sparse: nothing written to disk
        }
        String image = uniqueImage("shrinking");
        // Truncate the model while it is being read, as a job rewriting its workspace would.
        Thread truncator = new Thread(() -> {
            try {
                while (!openedByThisProcess(model)) {
                    Thread.sleep(1);
                }
                try (RandomAccessFile file = new RandomAccessFile(model.toFile(), "rw")) {
                    file.setLength(1 << 20);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        truncator.start();
        ImageBuildRequest request = ImageBuildRequest.of(context, image, temp.resolve("logs"));
        assertThatThrownBy(() -> new ImageBuilder(docker).build(request, console::add))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("cannot send the build context " + context);
        truncator.join(10_000);
        // The daemon got a broken upload, not a short archive: it built nothing from part of the context.
        assertThatThrownBy(() -> docker.inspectImageCmd(image).exec()).isInstanceOf(NotFoundException.class);
    }

    private static boolean openedByThisProcess(Path file) throws IOException {
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException | UnsupportedOperationException closedMeanwhile) {
                    return false;
                }
            });
        }
    }

    @Test
    void missingDockerfileFailsBeforeAnythingIsSent() {
        ImageBuildRequest request = ImageBuildRequest.of(temp, uniqueImage("none"), temp.resolve("logs"));
        assertThatThrownBy(() -> new ImageBuilder(docker).build(request, console::add))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("Dockerfile " + temp.resolve("Dockerfile") + " does not exist")
                .hasMessageContaining("--dockerfile");
        assertThat(temp.resolve("logs")).doesNotExist();
    }

    @Test
    void dockerfileOutsideTheContextIsRefused() throws Exception {
        Path context = Files.createDirectories(temp.resolve("ctx"));
        Files.writeString(temp.resolve("Dockerfile.outside"), "FROM mlship/base:busybox\n");
        ImageBuildRequest request = ImageBuildRequest.of(context, uniqueImage("outside"), temp.resolve("logs"))
                .withDockerfile(Path.of("../Dockerfile.outside"));
        assertThatThrownBy(() -> new ImageBuilder(docker).build(request, console::add))
                .hasMessageContaining("lies outside the build context");
    }

    @Test
    void missingContextIsNamed() {
        ImageBuildRequest request = ImageBuildRequest.of(temp.resolve("nope"), uniqueImage("nope"), temp.resolve("logs"));
        assertThatThrownBy(() -> new ImageBuilder(docker).build(request, console::add))
                .hasMessageContaining("build context " + temp.resolve("nope") + " is not a directory");
    }
}
