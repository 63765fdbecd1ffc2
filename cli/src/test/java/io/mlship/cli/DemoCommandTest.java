package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship demo` builds, verifies and deploys the real example model image, and shows a failing deploy rolled back. */
class DemoCommandTest {

    static final Path EXAMPLE_PROJECT = Path.of("..", "examples", "iris-model").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private final String deployName = "mlship-test-deploy-demo-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeDeployedContainers() throws Exception {
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            for (String name : java.util.List.of(deployName + "-edge", deployName + "-blue", deployName + "-green")) {
                try {
                    docker.removeContainerCmd(name).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // this run did not leave it
                }
            }
            try {
                docker.removeNetworkCmd(deployName + "-mlship-net").exec();
            } catch (NotFoundException gone) {
                // this run did not leave it
            }
        }
    }

    @Test
    void demoBuildsVerifiesWithRoomShowsAnOomVerdictDeploysAndRollsBackAFailingDeploy() throws Exception {
        CliRun run = CliRun.of("demo", "--project", EXAMPLE_PROJECT.toString(),
                "--work-dir", temp.toString(), "--deploy-name", deployName);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("image: +" + Pattern.quote(DemoCommand.DEMO_IMAGE) + " \\(sha256:[0-9a-f]{64}\\)");
        Matcher log = Pattern.compile("complete build log: (\\S+)").matcher(run.out());
        assertThat(log.find()).isTrue();
        Path logFile = Path.of(log.group(1));
        assertThat(logFile).startsWith(temp);
        assertThat(Files.readString(logFile)).contains("Successfully tagged " + DemoCommand.DEMO_IMAGE);
        assertThat(run.out()).containsPattern("verify at 256\\.0 MiB: +PASSED, memory peak \\d+\\.\\d MiB, ready after \\d+ ms, 2/2 samples ok")
                .containsPattern("verify at 128\\.0 MiB: OOM verdict, recommended limit \\d+\\.\\d MiB")
                .containsPattern("deploy at 256\\.0 MiB: +DEPLOYED as container " + deployName + " \\([0-9a-f]{12}\\) in \\d+ ms, "
                        + "serving at http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("deploy at 128\\.0 MiB: OOMKilled, exit code 137 -> ROLLED_BACK in \\d+ ms; kept " + deployName + "-blue "
                        + "\\(" + Pattern.quote(DemoCommand.DEMO_IMAGE) + "\\) serving: the edge never left it")
                // the OOM stages show the diagnosis' recommendation: verify (limit at the kill × 1.25 or the measured
                // peak / 0.85, the larger) and the failed deploy (diagnosed before the rollback removed it: 128Mi × 1.25)
                .containsPattern("recommended limit \\d+\\.\\d MiB\\R +diagnosis: +set limits\\.memory: \\d+Mi \\(OOM_KILLED\\)")
                .containsPattern("serving: the edge never left it.*\\R +diagnosis: +set limits\\.memory: 160Mi \\((OOM_KILLED|CHILD_OOM)\\)")
                .containsPattern("serving at: +http://127\\.0\\.0\\.1:\\d+/ \\(the edge " + deployName + "-edge in front of the model container");
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            assertThat(docker.inspectContainerCmd(deployName + "-blue").exec().getState().getRunning()).isTrue();
            assertThat(docker.inspectContainerCmd(deployName + "-edge").exec().getState().getRunning()).isTrue();
        }
    }
}
