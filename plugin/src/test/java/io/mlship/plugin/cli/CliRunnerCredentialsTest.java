package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the step's own credentials reach the CLI process: a kubeconfig credential as a file only the agent's user can
 * read, there only while the process runs; the secret values masked in what the process prints to the build log.
 * The process is a stand-in that records what it was given (the real CLI runs in AgentCliIT).
 */
class CliRunnerCredentialsTest {

    static final byte[] KUBECONFIG = "apiVersion: v1\nkind: Config\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path workspace;
    @TempDir
    Path temporary;

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final List<String> seen = new ArrayList<>();

    /** Answers {@code java -version}; as "the CLI", records its environment and the kubeconfig it finds, prints the token. */
    final ProcessRunner process = new ProcessRunner() {
        @Override
        public int run(List<String> command, Map<String, String> environment, OutputStream output) throws IOException {
            if (command.contains("-version")) {
                output.write("openjdk version \"17.0.9\" 2023-10-17\n".getBytes(StandardCharsets.UTF_8));
                return 0;
            }
            seen.add("command " + command);
            String kubeconfig = environment.get("KUBECONFIG");
            if (kubeconfig != null && !kubeconfig.isEmpty()) {
                Path file = Path.of(kubeconfig);
                seen.add("kubeconfig " + new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip());
                seen.add("file " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                seen.add("folder " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            }
            output.write(("using token " + environment.get(CliEnvironment.KUBE_TOKEN) + "\nno newline at the end: "
                    + environment.get(CliEnvironment.KUBE_TOKEN)).getBytes(StandardCharsets.UTF_8));
            return 0;
        }
    };

    private CliRunner.Outcome run(CliEnvironment env) throws InterruptedException {
        CliJar jar = new CliJar("ab12".repeat(16), LocalAgentPath.md5(new byte[] {1}), () -> new ByteArrayInputStream(new byte[] {1}));
        CliRunner runner = new CliRunner(process, new LocalAgentPath(workspace), new LocalAgentPath(temporary),
                new PrintStream(console, true, StandardCharsets.UTF_8), "the test agent");
        return runner.run(CliCall.command("deploy", ".mlship/jenkins/deploy-1").implicitReport(".mlship/jenkins/deploy-1/r.json").build(),
                env, "java", jar);
    }

    @Test
    void aKubeconfigCredentialIsAnOwnerOnlyFileWhileTheProcessRunsAndGoneAfter() throws Exception {
        StepCredentials credentials = StepCredentials.resolve(Map.of(CredentialUse.KUBE, "kubeconfig"), "team/iris",
                id -> new FoundCredential.SecretFile("FileCredentialsImpl", "config", KUBECONFIG));
        CliEnvironment env = new CliEnvironment(credentials.over(Map.of()), false, List.of(), credentials.files());

        run(env);

        assertThat(seen).contains("kubeconfig apiVersion: v1\nkind: Config", "file r--------", "folder rwx------");
        assertThat(seen.get(0)).doesNotContain("-Dkubernetes.auth.tryKubeConfig=false").doesNotContain("apiVersion");
        try (var left = Files.list(temporary.resolve("mlship"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("the secrets folder is deleted").noneMatch(n -> n.startsWith("secrets-"));
        }
    }

    @Test
    void theTokenOfTheStepsCredentialIsMaskedInTheBuildLog() throws Exception {
        StepCredentials credentials = StepCredentials.resolve(Map.of(CredentialUse.KUBE, "kube-token"), "team/iris",
                id -> new FoundCredential.SecretText("StringCredentialsImpl", "tok-9f8e7d"));
        CliEnvironment env = new CliEnvironment(credentials.over(Map.of()), false, List.of(), credentials.files());

        run(env);

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("using token ****\n", "no newline at the end: ****").doesNotContain("tok-9f8e7d");
        assertThat(seen.get(0)).doesNotContain("tok-9f8e7d");
    }
}
