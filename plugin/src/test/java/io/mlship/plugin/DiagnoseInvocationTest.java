package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitResponse;
import io.mlship.core.MlshipException;
import io.mlship.core.diagnose.Diagnosis;
import io.mlship.core.diagnose.Verdict;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlDiagnose's translation to a core diagnosis, run on the real Docker daemon. */
class DiagnoseInvocationTest {

    @TempDir
    Path build;

    @Test
    void aKilledContainerIsDiagnosedAndTheReportLandsInTheStepFolder() throws Exception {
        String name = "mlship-plugin-diag-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            docker.createContainerCmd("mlship/base:busybox").withName(name).withCmd("sleep", "300").exec();
            try {
                docker.startContainerCmd(name).exec();
                docker.killContainerCmd(name).withSignal("KILL").exec();
                docker.waitContainerCmd(name).exec(new ResultCallback.Adapter<WaitResponse>()).awaitCompletion(30, TimeUnit.SECONDS);
                DiagnoseStep step = new DiagnoseStep(name);
                step.setTarget("docker");
                step.setDuration("");
                List<String> log = new ArrayList<>();
                Diagnosis d = DiagnoseInvocation.run(step, build.resolve("diagnose-1"), Map.of(), log::add);
                assertThat(d.verdict()).isEqualTo(Verdict.SIGKILL_NOT_OOM);
                assertThat(log).anySatisfy(l -> assertThat(l).startsWith("diagnosis: SIGKILL_NOT_OOM"));
                assertThat(Files.readString(build.resolve("diagnose-1").resolve(Diagnosis.REPORT_NAME))).contains("\"verdict\" : \"SIGKILL_NOT_OOM\"");
            } finally {
                docker.removeContainerCmd(name).withForce(true).exec();
            }
        }
    }

    @Test
    void badFieldsAreClearErrors() {
        DiagnoseStep step = new DiagnoseStep("x");
        step.setTarget("swarm");
        assertThatThrownBy(() -> DiagnoseInvocation.run(step, build, Map.of(), l -> { }))
                .isInstanceOf(MlshipException.class).hasMessageContaining("mlDiagnose target: `swarm` is not a target");
        DiagnoseStep url = new DiagnoseStep("x");
        url.setPrometheus("prometheus:9090");
        assertThatThrownBy(() -> DiagnoseInvocation.run(url, build, Map.of(), l -> { }))
                .isInstanceOf(MlshipException.class).hasMessageContaining("is not an http(s) URL");
    }
}
