package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CliJar;
import io.mlship.plugin.cli.CliRunner;
import io.mlship.plugin.cli.CliStepException;
import io.mlship.plugin.cli.LocalAgentPath;
import io.mlship.plugin.cli.LocalProcessRunner;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.cli.ResultCapture;
import io.mlship.plugin.cli.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps' agent half end to end, without Jenkins: the real shaded CLI jar bundled in the plugin, copied into a
 * temporary "@tmp" folder and run as a child process in a temporary workspace exactly as the launcher would (same
 * command line, same environment rules, SIGTERM on interrupt), against the shared Docker daemon; then the reports it
 * wrote are read into the actions' values and copied into a "build folder".
 */
class AgentCliIT {

    /** The small busybox test model (the real scikit-learn example in examples/iris-model needs more than 128 MiB). */
    static final Path EXAMPLE = Path.of("..", "core", "src", "test", "resources", "busybox-model").toAbsolutePath().normalize();
    static final String ID = UUID.randomUUID().toString().substring(0, 8);
    static final String IMAGE = "mlship-test-agent/iris:" + ID;
    /** Never answers its readiness path: a deploy of it waits until the window ends (or it is stopped). */
    static final String NEVER_READY = "mlship-test-agent/never-ready:" + ID;
    static final String JAVA_HOME = System.getProperty("java.home");

    static DockerClient docker;

    @TempDir
    Path workspace;
    @TempDir
    Path temporary;
    @TempDir
    Path buildFolder;

    final String name = "mlship-test-agent-" + UUID.randomUUID().toString().substring(0, 8);
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void images(@TempDir Path context) throws IOException, InterruptedException {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nEXPOSE 8080\nCMD [\"sleep\", \"3600\"]\n");
        new ImageBuilder(docker).build(ImageBuildRequest.of(context, NEVER_READY, context.resolve("logs")), LogSink.discarding());
    }

    @AfterAll
    static void removeImages() throws IOException {
        for (String image : List.of(IMAGE, NEVER_READY)) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException gone) {
                // not built: the test that builds it failed first
            }
        }
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        for (String container : List.of(name, name + "-blue", name + "-green", name + "-edge", name + "-mlship-lock")) {
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

    /** The pipeline's variables: the daemon named explicitly, as the steps require without useAgentEnvironment. */
    private Map<String, String> pipeline() {
        Map<String, String> env = new HashMap<>();
        env.put(CliEnvironment.DOCKER_HOST, DockerEndpoint.fromEnvironment().host());
        env.put("JAVA_HOME", JAVA_HOME);
        env.put("BUILD_NUMBER", "7");
        env.put("JOB_NAME", "agent-it");
        return env;
    }

    private CliRunner runner() {
        return new CliRunner(new LocalProcessRunner(workspace, 60), new LocalAgentPath(workspace), new LocalAgentPath(temporary),
                new PrintStream(console, true, StandardCharsets.UTF_8), "the test agent");
    }

    private String log() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private void project(String deploySection) throws IOException {
        Path model = workspace.resolve("model");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path file : files.toList()) {
                Path target = model.resolve(EXAMPLE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        String yaml = Files.readString(model.resolve("mlship.yaml"));
        Files.writeString(model.resolve("mlship.yaml"), yaml.substring(0, yaml.indexOf("\ndeploy:")) + "\n" + deploySection);
    }

    private String deploySection(String image, int readinessWindowSeconds) {
        return "deploy:\n  image: " + image + "\n  name: " + name + "\n  port: 8080\n  target: docker\n"
                + "  resources: {limits: {memory: 128Mi}}\n  docker: {hostIp: 127.0.0.1}\n"
                + "  rollout: {readinessWindowSeconds: " + readinessWindowSeconds + "}\n";
    }

    @Test
    void buildVerifyScanAndDeployRunTheCliInTheWorkspaceAndTheirReportsFillTheActions() throws Exception {
        project(deploySection(IMAGE, 30));
        Map<String, String> pipeline = pipeline();
        CliEnvironment env = new CliEnvironment(pipeline, false, List.of());

        BuildImageStep build = new BuildImageStep(IMAGE);
        build.setContext("model");
        CliCall buildCall = CliCalls.build(build, env, RunFolder.next("build", "7"));
        CliRunner.Outcome built = runner().run(buildCall, env, CliRunner.javaCommand(pipeline), CliJar.bundled());

        assertThat(built.exitCode()).as(log()).isZero();
        BuildImageAction buildAction = BuildImageAction.from(built.report());
        assertThat(buildAction.getImage()).isEqualTo(IMAGE);
        assertThat(buildAction.getImageId()).isEqualTo(docker.inspectImageCmd(IMAGE).exec().getId());
        assertThat(log()).contains("[mlship] mlship build --context model --image " + IMAGE);
        assertThat(workspace.resolve(buildCall.runFolder()).resolve("build.log")).isRegularFile();

        VerifyImageStep verify = new VerifyImageStep(IMAGE, "128m");
        verify.setSamples("model/samples.json");
        CliCall verifyCall = CliCalls.verify(verify, env, RunFolder.next("verify", "7"));
        CliRunner.Outcome verified = runner().run(verifyCall, env, CliRunner.javaCommand(pipeline), CliJar.bundled());

        assertThat(verified.exitCode()).as(log()).isZero();
        VerifyImageAction verifyAction = VerifyImageAction.from(verified.report());
        assertThat(verifyAction.isPassed()).isTrue();
        assertThat(verifyAction.getMemoryLimit()).isEqualTo("128.0 MiB");
        assertThat(verifyAction.getPeakMemory()).endsWith("iB");

        ScanImageStep scan = new ScanImageStep(IMAGE);
        scan.setFailOn("critical");
        CliCall scanCall = CliCalls.scan(scan, env, RunFolder.next("scan", "7"));
        CliRunner.Outcome scanned = runner().run(scanCall, env, CliRunner.javaCommand(pipeline), CliJar.bundled());

        assertThat(scanned.exitCode()).as(log()).isZero();
        ScanImageAction scanAction = ScanImageAction.from(scanned.report());
        assertThat(scanAction.isPassed()).isTrue();
        assertThat(scanAction.getFailOn()).isEqualTo("critical");
        assertThat(scanAction.getSummary()).matches("\\d+ packages, \\d+ vulnerabilities.*");
        assertThat(Path.of(scanAction.getSarifReport())).isRegularFile();
        assertThat(Path.of(scanAction.getHtmlReport())).isRegularFile();

        DeployStep deploy = new DeployStep("model");
        CliCall deployCall = CliCalls.deploy(deploy, env, pipeline, RunFolder.next("deploy", "7"));
        CliRunner.Outcome deployed = runner().run(deployCall, env, CliRunner.javaCommand(pipeline), CliJar.bundled());

        assertThat(deployed.exitCode()).as(log()).isZero();
        DeployAction deployAction = DeployAction.from(deployed.report());
        assertThat(deployAction.isSucceeded()).isTrue();
        assertThat(deployAction.getOutcome()).isEqualTo("DEPLOYED");
        assertThat(deployAction.getObject()).contains(name);
        assertThat(docker.inspectContainerCmd(name + "-blue").exec().getState().getRunning()).isTrue();
        assertThat(docker.inspectContainerCmd(name + "-edge").exec().getState().getRunning()).isTrue();

        // The build page's copy: reports and index whole, logs as bounded tails, in the build's folder.
        ResultCapture.Copied copied = ResultCapture.copy(new LocalAgentPath(workspace.resolve(buildCall.runFolder())), buildFolder);
        assertThat(copied.files()).contains("build-report.json", "build.log.tail", "build.index.tsv", "report.html");
        // The CLI's self-contained page beside each step's report (the build's own page fetches the JSON instead).
        assertThat(Files.readString(workspace.resolve(verifyCall.runFolder()).resolve("report.html")))
                .contains("\"file\" : \"verify-report.json\"", "\\\"series\\\""); // the report's text, embedded as a JSON string
        assertThat(buildFolder.resolve("build-report.json")).hasSameTextualContentAs(workspace.resolve(buildCall.report()));

        // Copied once per CLI version, then reused.
        try (Stream<Path> jars = Files.walk(temporary.resolve("mlship"))) {
            assertThat(jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()).hasSize(1);
        }
    }

    @Test
    void sigtermDuringADeployRemovesTheNewContainerAndTheEdgeKeepsServingThePrevious() throws Exception {
        buildExampleWithCore();
        project(deploySection(IMAGE, 30));
        Map<String, String> pipeline = pipeline();
        CliEnvironment env = new CliEnvironment(pipeline, false, List.of());
        CliRunner.Outcome first = runner().run(CliCalls.deploy(new DeployStep("model"), env, pipeline, RunFolder.next("deploy", "7")),
                env, CliRunner.javaCommand(pipeline), CliJar.bundled());
        assertThat(first.exitCode()).as(log()).isZero();
        String previousId = docker.inspectContainerCmd(name + "-blue").exec().getId();

        DeployStep second = new DeployStep("model");
        second.setImage(NEVER_READY);
        second.setReadinessWindowSeconds(300);
        console.reset();
        AtomicReference<Object> ended = new AtomicReference<>();
        Thread step = new Thread(() -> {
            try {
                ended.set(runner().run(CliCalls.deploy(second, env, pipeline, RunFolder.next("deploy", "7")), env,
                        CliRunner.javaCommand(pipeline), CliJar.bundled()));
            } catch (InterruptedException | RuntimeException e) {
                ended.set(e);
            }
        }, "deploy-step");
        step.start();
        awaitLog("created container " + name + "-green", 60);
        step.interrupt(); // the Stop button: Jenkins interrupts the step's thread, the launcher sends SIGTERM
        step.join(90_000);

        assertThat(step.isAlive()).as("the step thread ended").isFalse();
        assertThat(ended.get()).as(log()).isInstanceOf(InterruptedException.class);
        assertThat(log()).contains("mlship: terminated; stopping the command", "stopped while deploying",
                "removing the new container " + name + "-green", "the edge keeps serving " + name + "-blue");
        InspectContainerResponse serving = docker.inspectContainerCmd(name + "-blue").exec();
        assertThat(serving.getId()).isEqualTo(previousId);
        assertThat(serving.getConfig().getImage()).isEqualTo(IMAGE);
        assertThat(serving.getState().getRunning()).isTrue();
        assertThatThrownBy(() -> docker.inspectContainerCmd(name + "-green").exec()).isInstanceOf(NotFoundException.class);
        assertThat(docker.listContainersCmd().withShowAll(true).withAncestorFilter(List.of(NEVER_READY)).exec()).isEmpty();
    }

    @Test
    void anUnreachableDockerDaemonIsTheCliErrorAndNoReport() throws Exception {
        Map<String, String> pipeline = pipeline();
        pipeline.put(CliEnvironment.DOCKER_HOST, "unix://" + workspace.resolve("no-daemon.sock"));
        CliEnvironment env = new CliEnvironment(pipeline, false, List.of());
        VerifyImageStep verify = new VerifyImageStep(IMAGE, "128m");

        CliRunner.Outcome outcome = runner().run(CliCalls.verify(verify, env, RunFolder.next("verify", "7")), env,
                CliRunner.javaCommand(pipeline), CliJar.bundled());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.report()).isNull();
        assertThat(log()).contains("mlship: ").contains("no-daemon.sock");
    }

    @Test
    void anAgentWithoutJava17IsRefusedBeforeAnythingRuns() throws Exception {
        Path fakeHome = Files.createDirectories(temporary.resolve("jdk-11/bin"));
        Path java = fakeHome.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> pipeline = pipeline();
        pipeline.put("JAVA_HOME", fakeHome.getParent().toString());
        CliEnvironment env = new CliEnvironment(pipeline, false, List.of());

        assertThatThrownBy(() -> runner().run(CliCalls.verify(new VerifyImageStep(IMAGE, "128m"), env, RunFolder.next("verify", "7")),
                env, CliRunner.javaCommand(pipeline), CliJar.bundled()))
                .isInstanceOf(CliStepException.class)
                .hasMessageContaining("is version 11; the mlship CLI needs Java 17 or later")
                .hasMessageContaining(java.toString());
        assertThat(temporary.resolve("mlship")).doesNotExist();

        pipeline.put("JAVA_HOME", temporary.resolve("no-jdk").toString());
        assertThatThrownBy(() -> runner().run(CliCalls.verify(new VerifyImageStep(IMAGE, "128m"), env, RunFolder.next("verify", "7")),
                env, CliRunner.javaCommand(pipeline), CliJar.bundled()))
                .isInstanceOf(CliStepException.class)
                .hasMessageContaining("cannot run `" + temporary.resolve("no-jdk/bin/java") + "` on the test agent");
    }

    @Test
    void aReadOnlyDiskIsNamedWithWhatToChange() {
        Map<String, String> pipeline = pipeline();
        CliEnvironment env = new CliEnvironment(pipeline, false, List.of());
        // sysfs refuses new files even to root: a real read-only place for the jar's folder.
        CliRunner readOnly = new CliRunner(new LocalProcessRunner(workspace, 5), new LocalAgentPath(workspace),
                new LocalAgentPath(Path.of("/sys/mlship-test-" + ID)), new PrintStream(console, true, StandardCharsets.UTF_8),
                "the test agent");

        assertThatThrownBy(() -> readOnly.run(CliCalls.verify(new VerifyImageStep(IMAGE, "128m"), env, RunFolder.next("verify", "7")),
                env, CliRunner.javaCommand(pipeline), CliJar.bundled()))
                .isInstanceOf(CliStepException.class)
                .hasMessageContaining("cannot put the mlship CLI into /sys/mlship-test-" + ID + "/mlship/")
                .hasMessageContaining("writable workspace");
    }

    private void buildExampleWithCore() throws InterruptedException {
        if (Optional.ofNullable(imageId(IMAGE)).isEmpty()) {
            new ImageBuilder(docker).build(ImageBuildRequest.of(EXAMPLE, IMAGE, temporary.resolve("logs")), LogSink.discarding());
        }
    }

    private static String imageId(String image) {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void awaitLog(String text, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!log().contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no \"" + text + "\" within " + seconds + " s:\n" + log());
            }
            Thread.sleep(100);
        }
    }
}
