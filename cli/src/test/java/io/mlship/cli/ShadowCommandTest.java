package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship shadow`: help, and bad input that must end with a clear error and no report. */
class ShadowCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpNamesTheJudgeAndItsExitCodesButNotTheHiddenComparator() {
        CliRun run = CliRun.of("shadow", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("judge Decide a running shadow")
                .contains("exits 0 (PROMOTED), 1 (ABORTED) or 3 (INCONCLUSIVE)").contains("run Shadow a candidate image")
                .doesNotContain("comparator Run the shadow comparator");
    }

    @Test
    void aPrometheusThatIsDownIsAClearErrorAndNoReport() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("mlship.yaml"), "name: iris\ndeploy:\n  image: x:1\n  shadow:\n    analysis: {interval: 1s, minDuration: 0s, maxDuration: 2s}\n");
        Path report = dir.resolve("out/shadow-report.json");
        CliRun run = CliRun.of("shadow", "judge", "--prometheus", "http://127.0.0.1:" + port, "--shadow-id", "s1",
                "--project", dir.toString(), "--report", report.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Prometheus at http://127.0.0.1:" + port + " cannot be reached");
        assertThat(report).doesNotExist();
    }

    @Test
    void aBadShadowSectionNamesTheField() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), "name: iris\ndeploy:\n  image: x:1\n  shadow:\n    analysis: {noData: pass}\n");
        CliRun run = CliRun.of("shadow", "judge", "--prometheus", "http://127.0.0.1:9", "--shadow-id", "s1", "--project", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("deploy.shadow.analysis.noData `pass` is refused");
    }

    @Test
    void runOnKubernetesWithoutAComparatorImageSaysWhatItMustHoldAndStartsNothing() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), "name: iris\ndeploy:\n  image: x:1\n  target: kubernetes\n");
        CliRun run = CliRun.of("shadow", "run", "--project", dir.toString(), "--image", "x:2", "--log-dir", dir.resolve("logs").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no comparator image: set deploy.shadow.comparatorImage in mlship.yaml or pass --comparator-image")
                .contains("/opt/mlship/mlship.jar");
        assertThat(dir.resolve("logs/shadow-report.json")).doesNotExist();
    }

    @Test
    void runOnKubernetesWithAnUnreachableClusterIsAClearError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("mlship.yaml"), "name: iris\ndeploy:\n  image: x:1\n  target: openshift\n");
        CliRun run = CliRun.of("shadow", "run", "--project", dir.toString(), "--image", "x:2", "--comparator-image", "cmp:1",
                "--server", "http://127.0.0.1:" + port, "--log-dir", dir.resolve("logs").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot read the live default/iris");
    }

    @Test
    void meshMetricsAreRefusedOnDockerAndNeedTheNamespaceToJudge() throws Exception {
        Files.writeString(dir.resolve("mlship.yaml"), "name: iris\ndeploy:\n  image: x:1\n  target: docker\n  shadow:\n    analysis: {metrics: mesh}\n");
        CliRun run = CliRun.of("shadow", "run", "--project", dir.toString(), "--image", "x:2", "--log-dir", dir.resolve("logs").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("deploy.shadow.analysis.metrics: mesh reads Istio's series, which a Docker host has not");
        CliRun judge = CliRun.of("shadow", "judge", "--prometheus", "http://127.0.0.1:9", "--shadow-id", "s1", "--project", dir.toString());
        assertThat(judge.exitCode()).isEqualTo(1);
        assertThat(judge.err()).contains("pass --namespace");
    }

    @Test
    void theComparatorRefusesAListenAddressWithoutPort() {
        CliRun run = CliRun.of("shadow", "comparator", "--listen", "0.0.0.0", "--baseline", "http://a:1", "--candidate",
                "http://b:1", "--shadow-id", "s1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--listen `0.0.0.0` must be host:port");
    }
}
