package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.plugin.cli.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The build page's values and the steps' failure messages come from the CLI's reports (shapes as core writes them). */
class ReportActionsTest {

    @Test
    void aFailedBuildNamesTheDockerfileLineTheErrorAndTheLog() {
        Report report = Report.parse("build-report.json", """
                {"status": "failure", "image": "team/model:1", "error": "The command '/bin/sh -c pip install' returned 1",
                 "failingInstruction": {"step": 3, "line": 7, "instruction": "RUN pip install -r requirements.txt"},
                 "logFile": ".mlship/jenkins/build-1-a/build.log",
                 "preflight": [{"severity": "ERROR", "rule": "model.file-missing", "location": "mlship.yaml", "message": "model/x.onnx is absent"},
                               {"severity": "WARNING", "rule": "requirements.unpinned", "location": "requirements.txt:2", "message": "numpy"}]}
                """);

        assertThat(BuildImageAction.failureMessage(report)).isEqualTo("""
                mlBuildImage: building team/model:1 failed (failure)
                  at Dockerfile:7 (step 3): RUN pip install -r requirements.txt
                  error: The command '/bin/sh -c pip install' returned 1
                  ERROR model.file-missing at mlship.yaml: model/x.onnx is absent
                  complete log: .mlship/jenkins/build-1-a/build.log""");
        assertThat(BuildImageAction.findings(report, "WARNING")).containsExactly("WARNING requirements.unpinned at requirements.txt:2: numpy");
    }

    @Test
    void aSuccessfulBuildShowsTheCommitFromTheRevisionLabel() {
        Report report = Report.parse("build-report.json", """
                {"status": "success", "image": "team/model:1", "imageId": "sha256:ab", "logFile": "l", "provenanceFile": "p",
                 "labels": {"org.opencontainers.image.revision": "0123abc"}, "pushed": {"reference": "r:5000/m:1", "digest": "sha256:cd"},
                 "preflight": []}
                """);
        BuildImageAction action = BuildImageAction.from(report);
        assertThat(action.getCommit()).isEqualTo("0123abc");
        assertThat(action.getPushedDigest()).isEqualTo("sha256:cd");
        assertThat(action.getWarnings()).isEmpty();
    }

    @Test
    void aRolledBackDeployExplainsItself() {
        Report report = Report.parse("deploy-report.json", """
                {"target": "docker", "object": "iris", "image": "iris:2", "outcome": "ROLLED_BACK", "succeeded": false,
                 "failure": {"reason": "OOM_KILLED", "summary": "container iris (iris:2): OOMKilled", "lastLines": ["loading", "killed"]},
                 "rollback": "restored the previous container (iris:1), ready", "logDirectory": "/ws/.mlship/jenkins/deploy-3-b"}
                """);

        assertThat(DeployAction.failureMessage("mlDeploy", report)).isEqualTo("""
                mlDeploy: docker iris ROLLED_BACK
                  failure:  container iris (iris:2): OOMKilled
                  last log lines:
                    | loading
                    | killed
                  rollback: restored the previous container (iris:1), ready
                  evidence: /ws/.mlship/jenkins/deploy-3-b""");
        DeployAction action = DeployAction.from(report);
        assertThat(action.isSucceeded()).isFalse();
        assertThat(action.getFailure()).contains("OOMKilled");
    }

    @Test
    void verificationAndScanValues() {
        VerifyImageAction verify = VerifyImageAction.from(Report.parse("verify-report.json", """
                {"status": "failed", "image": "m:1", "problems": [{"kind": "OOM", "message": "killed at 128 MiB"}],
                 "memory": {"limitBytes": 134217728, "peakBytes": 134000000, "recommendedLimit": "192Mi"}, "containerLog": "c.log"}
                """));
        assertThat(verify.isPassed()).isFalse();
        assertThat(verify.getProblems()).containsExactly("OOM: killed at 128 MiB");
        assertThat(verify.getRecommendedLimit()).isEqualTo("192Mi");
        assertThat(verify.getPeakMemory()).isEqualTo("127.8 MiB");

        ScanImageAction scan = ScanImageAction.from(Report.parse(".mlship/jenkins/scan-1-c/scan-report.json", """
                {"image": "m:1", "status": "failed", "gate": {"failOn": "high", "failing": ["CVE-1 (pillow 8.0.0)"]},
                 "summary": {"packagesByEcosystem": {"pypi": 2}, "vulnerabilitiesBySeverity": {"critical": 1, "high": 0}},
                 "vulnerabilities": [{}], "secrets": [{"description": "AWS key", "path": "/app/.env", "line": 3, "layer": 1}],
                 "hygiene": []}
                """));
        assertThat(scan.getSummary()).isEqualTo("2 packages, 1 vulnerabilities (1 critical), 1 secrets, 0 hygiene notes");
        assertThat(scan.getFailing()).containsExactly("CVE-1 (pillow 8.0.0)");
        assertThat(scan.getSecrets()).containsExactly("AWS key at /app/.env:3 (layer 1)");
        assertThat(scan.getSarifReport()).isEqualTo(".mlship/jenkins/scan-1-c/scan-report.sarif");
    }

    @Test
    void theJenkinsFreeHalfImportsNoJenkinsType() throws IOException {
        try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src/main/java/io/mlship/plugin/cli")),
                Files.walk(Path.of("src/main/java/io/mlship/plugin/stage")))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> imports = Files.readAllLines(source).stream().filter(l -> l.startsWith("import ")).toList();
                assertThat(imports).as(source.toString()).noneMatch(l -> l.matches("import (static )?(hudson|jenkins|org\\.jenkinsci|"
                        + "org\\.kohsuke|io\\.mlship\\.plugin\\.[A-Z]|io\\.mlship\\.core)\\b.*"));
            }
        }
    }
}
