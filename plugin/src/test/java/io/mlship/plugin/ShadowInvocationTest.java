package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlShadow's translation to the core judge: the project's deploy.shadow, the step's Prometheus and shadow id. */
class ShadowInvocationTest {

    @TempDir
    Path workspace;
    @TempDir
    Path build;

    @Test
    void aPrometheusThatIsDownFailsWithAClearMessageAndNoReport() throws Exception {
        Files.createDirectories(workspace.resolve("models/iris"));
        Files.writeString(workspace.resolve("models/iris/mlship.yaml"), "name: iris\ndeploy:\n  image: x:1\n  shadow:\n"
                + "    analysis: {interval: 1s, minDuration: 0s, maxDuration: 2s}\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ShadowStep step = new ShadowStep("models/iris");
        step.setShadowId("iris-shadow-abc");
        step.setPrometheus("http://127.0.0.1:" + port);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new ShadowInvocation(workspace, build, Map.of()).judge(step, new PrintStream(log, true, StandardCharsets.UTF_8)))
                .isInstanceOf(MlshipException.class).hasMessageContaining("Prometheus at http://127.0.0.1:" + port + " cannot be reached");
        try (var files = Files.walk(build)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("shadow-report.json"))).isEmpty();
        }
    }

    @Test
    void theStepsDefaultsAndItsShadowSectionErrors() throws Exception {
        ShadowStep step = new ShadowStep("");
        assertThat(step.getProject()).isEqualTo(".");
        assertThat(step.getPrometheus()).isEqualTo("http://127.0.0.1:9090");
        step.setPrometheus(" ");
        assertThat(step.getPrometheus()).isEqualTo("http://127.0.0.1:9090");
        step.setShadowId("s");
        Files.writeString(workspace.resolve("mlship.yaml"), "name: iris\ndeploy:\n  shadow:\n    mirror: {percent: 200}\n");
        assertThatThrownBy(() -> new ShadowInvocation(workspace, build, Map.of()).judge(step, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(MlshipException.class).hasMessageContaining("deploy.shadow.mirror.percent 200.0 must be above 0 and at most 100");
    }
}
