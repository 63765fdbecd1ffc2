package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CliJar;
import io.mlship.plugin.cli.CliRunner;
import io.mlship.plugin.cli.CredentialUse;
import io.mlship.plugin.cli.FoundCredential;
import io.mlship.plugin.cli.LocalAgentPath;
import io.mlship.plugin.cli.LocalProcessRunner;
import io.mlship.plugin.cli.RunFolder;
import io.mlship.plugin.cli.StepCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials named on a step, through the real CLI jar as the steps run it (the store is a map: the Jenkins lookup,
 * RunCredentials, needs a live Jenkins, see docs/jenkins.md's checklist): a Username with password pushes to the
 * login registry of scripts/services (127.0.0.1:5001) in place of a wrong password the pipeline bound, and a Secret
 * file is the kubeconfig the CLI reads; no secret value reaches the console or the stored files.
 */
class StepCredentialsIT {

    static final Path EXAMPLE = Path.of("..", "core", "src", "test", "resources", "busybox-model").toAbsolutePath().normalize();
    static final Path LOGIN_PASSWORD = Path.of(System.getenv().getOrDefault("MLSHIP_STATE", "/var/lib/mlship"), "registry-auth/password");
    static final String ID = UUID.randomUUID().toString().substring(0, 8);
    static final String IMAGE = "mlship-test-cred/iris:" + ID;
    static final String PUSHED = "127.0.0.1:5001/mlship-test-cred/iris:" + ID;

    @TempDir
    Path workspace;
    @TempDir
    Path temporary;

    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void removeImages() throws IOException {
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            for (String image : List.of(IMAGE, PUSHED)) {
                try {
                    docker.removeImageCmd(image).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // not built or not pushed: the test failed before
                }
            }
        }
    }

    private Map<String, String> pipeline() {
        Map<String, String> env = new HashMap<>();
        env.put(CliEnvironment.DOCKER_HOST, DockerEndpoint.fromEnvironment().host());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JOB_NAME", "cred-it");
        return env;
    }

    private CliRunner.Outcome run(CliCall call, CliEnvironment env, Map<String, String> pipeline) throws InterruptedException {
        return new CliRunner(new LocalProcessRunner(workspace, 30), new LocalAgentPath(workspace), new LocalAgentPath(temporary),
                new PrintStream(console, true, StandardCharsets.UTF_8), "the test agent")
                .run(call, env, CliRunner.javaCommand(pipeline), CliJar.bundled());
    }

    private String log() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRegistryCredentialsIdPushesToTheLoginRegistryInPlaceOfThePipelinesPassword() throws Exception {
        String password = Files.readString(LOGIN_PASSWORD).strip();
        copyExample();
        Map<String, String> pipeline = pipeline();
        pipeline.put(CliEnvironment.REGISTRY_USER, "someone-else");
        pipeline.put(CliEnvironment.REGISTRY_PASSWORD, "wrong-password");
        StepCredentials credentials = StepCredentials.resolve(Map.of(CredentialUse.REGISTRY, "registry-ci"), "cred-it",
                id -> "registry-ci".equals(id) ? new FoundCredential.UsernamePassword("UsernamePasswordCredentialsImpl", "mlship", password) : null);
        BuildImageStep step = new BuildImageStep(IMAGE);
        step.setContext("model");
        step.setPush(PUSHED);
        CliEnvironment env = new CliEnvironment(credentials.over(pipeline), false, step.maskedVariables(), credentials.files());
        CliCall call = CliCalls.build(step, env, RunFolder.next("build", "1"));

        CliRunner.Outcome outcome = run(call, env, pipeline);

        assertThat(outcome.exitCode()).as(log()).isZero();
        BuildImageAction action = BuildImageAction.from(outcome.report());
        assertThat(action.getPushedReference()).isEqualTo(PUSHED);
        assertThat(action.getPushedDigest()).startsWith("sha256:");
        assertThat(call.arguments()).noneMatch(a -> a.contains(password));
        assertThat(log()).doesNotContain(password);
        try (Stream<Path> files = Files.walk(workspace.resolve(call.runFolder()))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(password);
            }
        }
    }

    @Test
    void aKubeconfigSecretFileIsTheOneTheCliReadsAndIsGoneAfterwards() throws Exception {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:9/from-the-secret-file"}
                users:
                - name: u
                  user: {token: "kc-token-%s"}
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                current-context: ctx
                """.formatted(ID);
        Map<String, String> pipeline = pipeline();
        StepCredentials credentials = StepCredentials.resolve(Map.of(CredentialUse.KUBE, "cluster"), "cred-it",
                id -> new FoundCredential.SecretFile("FileCredentialsImpl", "config", kubeconfig.getBytes(StandardCharsets.UTF_8)));
        DiagnoseStep step = new DiagnoseStep("iris");
        step.setTarget("kubernetes");
        CliEnvironment env = new CliEnvironment(credentials.over(pipeline), false, List.of(), credentials.files());

        CliRunner.Outcome outcome = run(CliCalls.diagnose(step, env, RunFolder.next("diagnose", "1")), env, pipeline);

        // No cluster listens there: the CLI's error names the server it took from the secret file.
        assertThat(outcome.exitCode()).as(log()).isEqualTo(1);
        assertThat(log()).contains("https://127.0.0.1:9/from-the-secret-file").doesNotContain("kc-token-" + ID);
        try (Stream<Path> left = Files.list(temporary.resolve("mlship"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).noneMatch(name -> name.startsWith("secrets-"));
        }
    }

    private void copyExample() throws IOException {
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
    }
}
