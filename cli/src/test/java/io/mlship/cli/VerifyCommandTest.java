package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship verify` end to end on the real daemon: exit codes, console verdict, JSON report. */
class VerifyCommandTest {

    static final String IMAGE = "mlship-test/cli-verify:" + UUID.randomUUID().toString().substring(0, 8);
    static final String SAMPLES = BuildCommandTest.EXAMPLE_PROJECT.resolve("samples.json").toString();

    @TempDir
    Path temp;

    @BeforeAll
    static void buildExample(@TempDir Path logs) {
        CliRun build = CliRun.of("build", "--context", BuildCommandTest.EXAMPLE_PROJECT.toString(), "--image", IMAGE,
                "--log-dir", logs.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
    }

    @AfterAll
    static void removeImage() throws Exception {
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            docker.removeImageCmd(IMAGE).exec();
        }
    }

    @Test
    void passingVerificationExitsZeroAndReportsThePeak() throws Exception {
        Path report = temp.resolve("verify.json");
        CliRun run = CliRun.of("verify", "--image", IMAGE, "--memory", "128m", "--samples", SAMPLES, "--model", "iris",
                "--log-dir", temp.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("== verify: PASSED").contains("sample PASS one flower of each species");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("status").asText()).isEqualTo("passed");
        assertThat(json.get("memory").get("peakBytes").asLong()).isGreaterThan(40L * 1024 * 1024);
        assertThat(json.get("memory").get("series").size()).as("Docker stats samples for the report page's chart").isPositive();
        // The laptop's page: report.html beside the report, the report embedded under its own (custom) name.
        Path page = temp.resolve("report.html");
        assertThat(run.out()).contains("report page: " + page.toAbsolutePath());
        assertThat(java.nio.file.Files.readString(page)).contains("\"kind\" : \"verify\"", "\"file\" : \"verify.json\"", "Chart.js v4.6.1");
    }

    @Test
    void oomVerdictExitsOneWithTheRecommendedLimit() throws Exception {
        Path report = temp.resolve("verify.json");
        CliRun run = CliRun.of("verify", "--image", IMAGE, "--memory", "24m", "--model", "iris",
                "--log-dir", temp.toString(), "--report", report.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("OOM_KILLED: OOMKilled").contains("set the memory limit to at least");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("oomVerdict").asBoolean()).isTrue();
        assertThat(json.get("memory").get("recommendedLimit").asText()).matches("\\d+Mi");
    }

    @Test
    void badMemoryLimitIsAClearError() {
        CliRun run = CliRun.of("verify", "--image", IMAGE, "--memory", "lots");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("memory size `lots` is not valid");
    }
}
