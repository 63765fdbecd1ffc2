package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.WaitResponse;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship diagnose` end to end on the real daemon: console verdict, diagnosis.json, clear errors for bad input. */
class DiagnoseCommandTest {

    @TempDir
    Path temp;

    @Test
    void anOomKilledContainerIsDiagnosedWithTheLimitToSetAndAReport() throws Exception {
        String name = "mlship-cli-diag-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            docker.createContainerCmd("mlship/base:busybox").withName(name)
                    .withHostConfig(HostConfig.newHostConfig().withMemory(32L << 20).withMemorySwap(32L << 20))
                    .withCmd("sh", "-c", "dd if=/dev/zero of=/dev/null bs=48M count=1").exec();
            try {
                docker.startContainerCmd(name).exec();
                docker.waitContainerCmd(name).exec(new ResultCallback.Adapter<WaitResponse>()).awaitCompletion(60, TimeUnit.SECONDS);
                Path report = temp.resolve("diagnosis.json");
                CliRun run = CliRun.of("diagnose", "--target", "docker", "--name", name, "--report", report.toString());
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).contains("diagnosis: OOM_KILLED", "recommended requests.memory: 40Mi   limits.memory: 40Mi");
                JsonNode json = new ObjectMapper().readTree(report.toFile());
                assertThat(json.path("verdict").asText()).isEqualTo("OOM_KILLED");
                assertThat(json.path("recommendation").path("limits").path("memory").asText()).isEqualTo("40Mi");
                assertThat(json.path("recommendation").path("requests").path("cpu").asText()).isEqualTo("no data");
                assertThat(json.path("recommendation").path("rules").path("memory").asText()).contains("× 1.25");
                assertThat(json.path("evidence").toString()).contains("State.OOMKilled");
            } finally {
                docker.removeContainerCmd(name).withForce(true).exec();
            }
        }
    }

    @Test
    void badInputIsAClearError() {
        CliRun target = CliRun.of("diagnose", "--target", "swarm", "--name", "x");
        assertThat(target.exitCode()).isEqualTo(1);
        assertThat(target.err()).contains("--target: `swarm` is not a target; write docker, kubernetes or openshift");
        CliRun window = CliRun.of("diagnose", "--name", "x", "--window", "two weeks");
        assertThat(window.err()).contains("--window: `two weeks` is not a duration");
        CliRun url = CliRun.of("diagnose", "--name", "x", "--prometheus", "localhost:9090");
        assertThat(url.err()).contains("--prometheus `localhost:9090` is not an http(s) URL");
        String missing = "mlship-cli-diag-none-" + UUID.randomUUID().toString().substring(0, 8);
        CliRun unknown = CliRun.of("diagnose", "--name", missing, "--report", temp.resolve("r.json").toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no container `" + missing + "` on the Docker daemon");
    }
}
