package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * `mlship demo` builds, verifies and deploys the real example model image, shows a failing deploy rolled back, then
 * shadows two candidates with live traffic through the edge: the retrained v2 ABORTED with exactly the agreement the
 * training recorded, a rebuild of v1 PROMOTED. Needs scripts/services' Prometheus (it scrapes the comparators).
 */
class DemoCommandTest {

    static final Path EXAMPLE_PROJECT = Path.of("..", "examples", "iris-model").toAbsolutePath().normalize();

    static final ObjectMapper JSON = new ObjectMapper();

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

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("image: +" + Pattern.quote(DemoCommand.DEMO_IMAGE) + " \\(sha256:[0-9a-f]{64}\\)");
        Matcher log = Pattern.compile("complete build log: (\\S+)").matcher(run.out());
        assertThat(log.find()).isTrue();
        Path logFile = Path.of(log.group(1));
        assertThat(logFile).startsWith(temp);
        assertThat(Files.readString(logFile)).contains("Successfully tagged " + DemoCommand.DEMO_IMAGE);
        assertThat(run.out()).containsPattern("verify at 256\\.0 MiB: +PASSED, memory peak \\d+\\.\\d MiB, ready after \\d+ ms, 2/2 samples ok")
                .containsPattern("verify at 128\\.0 MiB: OOM verdict, recommended limit \\d+\\.\\d MiB")
                .containsPattern("deploy at 256\\.0 MiB: +DEPLOYED as container " + deployName + "-blue \\([0-9a-f]{12}\\) in \\d+ ms, "
                        + "serving at http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("deploy at 128\\.0 MiB: OOMKilled, exit code 137 -> ROLLED_BACK in \\d+ ms; kept " + deployName + "-blue "
                        + "\\(" + Pattern.quote(DemoCommand.DEMO_IMAGE) + "\\) serving: the edge never left it")
                // the OOM stages show the diagnosis' recommendation: verify (limit at the kill × 1.25 or the measured
                // peak / 0.85, the larger) and the failed deploy (diagnosed before the rollback removed it: 128Mi × 1.25)
                .containsPattern("recommended limit \\d+\\.\\d MiB\\R +diagnosis: +set limits\\.memory: \\d+Mi \\(OOM_KILLED\\)")
                .containsPattern("serving: the edge never left it.*\\R +diagnosis: +set limits\\.memory: 160Mi \\((OOM_KILLED|CHILD_OOM)\\)")
                .containsPattern("serving at: +http://127\\.0\\.0\\.1:\\d+/ \\(the edge " + deployName + "-edge in front of the model container");

        // the two shadow stages: their reports under the run folder, the agreement of v2 exactly the recorded one
        Matcher runFolder = Pattern.compile("logs and reports: +(\\S+)").matcher(run.out());
        assertThat(runFolder.find()).isTrue();
        JsonNode record = JSON.readTree(EXAMPLE_PROJECT.resolve("eval/disagreement.json").toFile());
        int inputs = record.get("inputs").asInt();
        double recorded = (inputs - record.get("disagree").asInt()) / (double) inputs;
        JsonNode aborted = JSON.readTree(Path.of(runFolder.group(1), DemoCommand.SHADOW_ABORTED_DIR, "shadow-report.json").toFile());
        assertThat(aborted.get("outcome").asText()).isEqualTo("ABORTED");
        assertThat(aborted.get("pairs").asLong()).isGreaterThanOrEqualTo(inputs);
        // exactly the recorded share when the judge's pairs are exactly one pass; a copy whose baseline or candidate call
        // failed is unpaired, and then the judge's 300th pair comes from the next pass (seen at load average ~35 on 2
        // cores: 261/300 with 16 unpaired copies). The summary says which.
        assertThat(aborted.get("agreement").asDouble()).isCloseTo(recorded, within(0.01));
        assertThat(aborted.get("liveErrors").isIntegralNumber()).as("liveErrors counted from the edge's log").isTrue();
        assertThat(aborted.get("liveErrors").asLong()).isZero();
        assertThat(aborted.get("decisions")).anySatisfy(d -> {
            assertThat(d.get("metric").asText()).isEqualTo("agreement");
            assertThat(d.get("verdict").asText()).isEqualTo("fail");
        });
        assertThat(aborted.get("promotion").isNull()).isTrue();
        JsonNode promoted = JSON.readTree(Path.of(runFolder.group(1), DemoCommand.SHADOW_PROMOTED_DIR, "shadow-report.json").toFile());
        assertThat(promoted.get("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(promoted.get("agreement").asDouble()).isEqualTo(1.0);
        assertThat(promoted.get("pairs").asLong()).isGreaterThanOrEqualTo(inputs);
        assertThat(promoted.get("liveErrors").asLong()).isZero();
        assertThat(promoted.get("promotion").asText()).isEqualTo("DEPLOYED");
        assertThat(promoted.get("decisions")).isNotEmpty().allSatisfy(d -> assertThat(d.get("query").asText()).isNotEmpty());
        assertThat(run.out())
                .containsPattern("shadow of 2\\.0\\.0: +ABORTED after \\d+\\.\\d s: agreement 0\\.8\\d{5} over \\d+ pairs; live errors 0 \\(edge log\\), "
                        + "0 of \\d+ \\(the demo's client\\); the training recorded 262/300 agree = 0\\.873333 \\(disagreement\\.json\\): (equal|not equal)")
                .containsPattern("shadow of 1\\.0\\.1: +PROMOTED after \\d+\\.\\d s: agreement 1\\.000000 over \\d+ pairs; .*; deployed DEPLOYED as container "
                        + deployName + "-green");
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            // after the promotion green serves v1's rebuild
            assertThat(docker.inspectContainerCmd(deployName + "-green").exec().getConfig().getImage()).isEqualTo(DemoCommand.REBUILT_IMAGE);
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(java.util.Map.of(
                    io.mlship.core.shadow.docker.DockerShadow.LABEL, deployName)).exec()).as("no shadow container left").isEmpty();
            assertThat(docker.inspectContainerCmd(deployName + "-green").exec().getState().getRunning()).isTrue();
            assertThat(docker.inspectContainerCmd(deployName + "-edge").exec().getState().getRunning()).isTrue();
        }
    }
}
