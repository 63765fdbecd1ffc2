package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import io.mlship.core.verify.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlVerifyImage's translation to a core verification, run on the real Docker daemon. */
class VerifyImageInvocationTest {

    static final Path EXAMPLE = Path.of("..", "core", "src", "test", "resources", "busybox-model").toAbsolutePath().normalize();
    static final String IMAGE = "mlship-test/plugin-verify:" + UUID.randomUUID().toString().substring(0, 8);
    static DockerClient docker;

    @TempDir
    Path temp;

    @BeforeAll
    static void build(@TempDir Path logs) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        new ImageBuilder(docker).build(ImageBuildRequest.of(EXAMPLE, IMAGE, logs), LogSink.discarding());
    }

    @AfterAll
    static void remove() throws Exception {
        docker.removeImageCmd(IMAGE).exec();
        docker.close();
    }

    private Map<String, String> env() {
        return Map.of("DOCKER_HOST", DockerEndpoint.fromEnvironment().host());
    }

    @Test
    void verifiesWithSamplesFromTheWorkspaceAndKeepsTheReportWithTheBuild() throws Exception {
        Files.copy(EXAMPLE.resolve("samples.json"), temp.resolve("samples.json"));
        VerifyImageStep step = new VerifyImageStep(IMAGE, "128m");
        step.setSamples("samples.json");
        step.setModel("iris");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        VerifyResult result = new VerifyImageInvocation(temp, temp.resolve("build"), env())
                .verify(step, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(result.passed()).as(result.problems().toString()).isTrue();
        assertThat(result.containerLog()).startsWith(temp.resolve("build/mlship"));
        assertThat(result.containerLog().resolveSibling("verify-report.json")).exists();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("sample PASS one flower of each species");
        VerifyImageAction action = VerifyImageAction.of(result);
        assertThat(action.isPassed()).isTrue();
        assertThat(action.getProblems()).isEmpty();
    }

    @Test
    void tooSmallALimitGivesAnOomVerdictForTheBuildPage() throws Exception {
        VerifyImageStep step = new VerifyImageStep(IMAGE, "24m");
        VerifyResult result = new VerifyImageInvocation(temp, temp.resolve("build"), env())
                .verify(step, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(result.oomVerdict()).isTrue();
        VerifyImageAction action = VerifyImageAction.of(result);
        assertThat(action.isPassed()).isFalse();
        assertThat(action.getRecommendedLimit()).isNotNull();
        assertThat(action.getProblems()).anyMatch(p -> p.startsWith("OOM_KILLED"));
    }
}
