package io.mlship.plugin.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.common.MemorySize;
import io.mlship.core.report.JsonReport;
import io.mlship.core.scan.GateVerdict;
import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.VulnerabilityFinding;
import io.mlship.core.scan.report.ScanJsonReport;
import io.mlship.core.verify.SampleOutcome;
import io.mlship.core.verify.VerifyReport;
import io.mlship.core.verify.VerifyResult;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.StageVerdict.Consequence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stage label and the failure (name, message) of every step, from reports in the shapes the CLI writes: verify and
 * scan reports are written by core's own report writers; deploy and diagnose reports, whose writers are internal to
 * core, are copied from what they write.
 */
class ReportVerdictsTest {

    private static final long MIB = 1L << 20;
    private static final InstalledPackage PILLOW = new InstalledPackage("pypi", "pillow", "8.0.0", "/usr/lib/python3/pillow", 2);

    /** A report as the CLI writes it: core's writer, core's JSON, the plugin's parser. */
    private static Report written(String file, Object report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonReport.write(report, out);
        return Report.parse(file, out.toString(StandardCharsets.UTF_8));
    }

    private static Report verify(List<VerifyResult.Problem> problems, long limitMib, long peakMib, String recommended) throws IOException {
        VerifyResult result = new VerifyResult("iris:1", problems, MemorySize.ofMebibytes(limitMib), new MemorySize(peakMib * MIB + 600 * 1024),
                Optional.empty(), Optional.ofNullable(recommended).map(MemorySize::parse), Optional.of(Duration.ofMillis(900)),
                List.of(new SampleOutcome("setosa", problems.isEmpty(), 200, Duration.ofMillis(12), "ok")), Path.of("verify.log"),
                Duration.ofSeconds(9), Optional.empty(), List.of());
        return written("verify-report.json", VerifyReport.of(result));
    }

    private static Report scan(GateVerdict gate, List<VulnerabilityFinding> vulnerabilities, List<SecretFinding> secrets) throws IOException {
        ScanResult result = ScanResult.builder("team/model:1", "/data/osv").packages(List.of(PILLOW)).vulnerabilities(vulnerabilities)
                .secrets(secrets).gate(gate).build();
        return written("scan-report.json", ScanJsonReport.of(result));
    }

    private static VulnerabilityFinding vulnerability(String id, Severity severity) {
        return new VulnerabilityFinding(id, List.of(), "bad", severity, 8.1, PILLOW, "9.0.0", false);
    }

    @Test
    void aPassedVerificationShowsItsPeakAgainstTheLimit() throws IOException {
        StageVerdict verdict = ReportVerdicts.verify(verify(List.of(), 256, 150, null));

        assertThat(verdict.label()).isEqualTo("verify: PASSED peak 150.6 MiB / 256.0 MiB");
        assertThat(verdict.isPassed()).isTrue();
        assertThat(verdict.consequence(UnstableOn.NONE)).isEqualTo(Consequence.PASS);
    }

    @Test
    void anOomVerdictNamesTheLimitToSetAndIsUnstableOnlyWhenThePipelineSaysSo() throws IOException {
        StageVerdict verdict = ReportVerdicts.verify(verify(List.of(new VerifyResult.Problem(VerifyResult.Kind.OOM_KILLED,
                "OOMKilled: the container was killed by the kernel for exceeding its 128 MiB memory limit (exit 137)")), 128, 127, "192Mi"));

        assertThat(verdict.label()).isEqualTo("verify: OOM peak 127.6 MiB / 128.0 MiB, set 192Mi");
        assertThat(verdict.failure()).isEqualTo("OOM");
        assertThat(verdict.message()).isEqualTo("""
                mlVerifyImage: iris:1 failed verification:
                  OOM_KILLED: OOMKilled: the container was killed by the kernel for exceeding its 128 MiB memory limit (exit 137)""");
        assertThat(verdict.consequence(UnstableOn.NONE)).isEqualTo(Consequence.FAIL);
        assertThat(verdict.consequence(UnstableOn.parse("mlVerifyImage", "oom", ReportVerdicts.VERIFY_SOFT))).isEqualTo(Consequence.UNSTABLE);
    }

    @Test
    void aHeadroomVerdictIsAnOomVerdictTooButANotReadyImageAlwaysFails() throws IOException {
        StageVerdict headroom = ReportVerdicts.verify(verify(List.of(new VerifyResult.Problem(VerifyResult.Kind.MEMORY_HEADROOM,
                "OOM risk: memory peak 240 MiB is 94% of the 256 MiB limit")), 256, 240, "288Mi"));
        StageVerdict notReady = ReportVerdicts.verify(verify(List.of(new VerifyResult.Problem(VerifyResult.Kind.NOT_READY, "not ready after 60 s"),
                new VerifyResult.Problem(VerifyResult.Kind.SAMPLE_FAILED, "setosa: 500")), 256, 40, null));
        UnstableOn oom = UnstableOn.parse("mlVerifyImage", "OOM", ReportVerdicts.VERIFY_SOFT);

        assertThat(headroom.failure()).isEqualTo("OOM");
        assertThat(headroom.consequence(oom)).isEqualTo(Consequence.UNSTABLE);
        assertThat(notReady.label()).isEqualTo("verify: FAILED peak 40.6 MiB / 256.0 MiB, 2 problems");
        assertThat(notReady.failure()).isEqualTo("FAILED");
        assertThat(notReady.consequence(oom)).isEqualTo(Consequence.FAIL);
    }

    @Test
    void aPassedGateCountsTheVulnerabilitiesBySeverity() throws IOException {
        StageVerdict verdict = ReportVerdicts.scan(scan(new GateVerdict("critical", List.of(), List.of(), List.of()),
                List.of(vulnerability("CVE-1", Severity.HIGH), vulnerability("CVE-2", Severity.HIGH), vulnerability("CVE-3", Severity.HIGH)),
                List.of()));

        assertThat(verdict.label()).isEqualTo("scan: 3 HIGH, gate passed");
        assertThat(verdict.isPassed()).isTrue();
    }

    @Test
    void aScanWithoutAGateSaysSo() throws IOException {
        StageVerdict verdict = ReportVerdicts.scan(scan(GateVerdict.none(), List.of(),
                List.of(new SecretFinding("aws", "AWS key", "/app/.env", 3, 1, false))));

        assertThat(verdict.label()).isEqualTo("scan: no vulnerabilities, 1 secret, no gate");
        assertThat(verdict.isPassed()).isTrue();
    }

    @Test
    void aFailedGateNamesTheFindingsAndWarnsInWarnMode() throws IOException {
        StageVerdict verdict = ReportVerdicts.scan(scan(new GateVerdict("high", List.of("CVE-1 (pillow 8.0.0, high)"), List.of(), List.of()),
                List.of(vulnerability("CVE-1", Severity.HIGH), vulnerability("CVE-4", Severity.CRITICAL)), List.of()));

        assertThat(verdict.label()).isEqualTo("scan: 1 CRITICAL, 1 HIGH, gate FAILED (fail on high)");
        assertThat(verdict.failure()).isEqualTo("GATE_FAILED");
        assertThat(verdict.message()).isEqualTo("""
                mlScanImage: team/model:1 failed the gate (fail on high):
                  CVE-1 (pillow 8.0.0, high)""");
        assertThat(verdict.consequence(UnstableOn.NONE)).isEqualTo(Consequence.FAIL);
        assertThat(verdict.consequence(UnstableOn.parse("mlScanImage", "GATE_FAILED", ReportVerdicts.SCAN_SOFT)))
                .isEqualTo(Consequence.UNSTABLE);
    }

    @Test
    void anIncompleteScanFailsEvenInWarnMode() throws IOException {
        StageVerdict verdict = ReportVerdicts.scan(scan(new GateVerdict("high", List.of(), List.of(), List.of(),
                List.of("layer 3 (sha256:ab): not in the archive")), List.of(), List.of()));

        assertThat(verdict.label()).isEqualTo("scan: no vulnerabilities, INCOMPLETE");
        assertThat(verdict.failure()).isEqualTo("INCOMPLETE");
        assertThat(verdict.message()).contains("layer 3 (sha256:ab): not in the archive");
        assertThat(verdict.consequence(UnstableOn.parse("mlScanImage", "GATE_FAILED", ReportVerdicts.SCAN_SOFT))).isEqualTo(Consequence.FAIL);
    }

    @Test
    void aDeployShowsTheObjectAndTheDigestItRuns() {
        Report deployed = Report.parse("deploy-report.json", """
                {"target": "kubernetes", "object": "iris", "image": "127.0.0.1:5000/iris@sha256:ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12",
                 "outcome": "DEPLOYED", "succeeded": true, "revision": "3", "logDirectory": "/ws/.mlship/jenkins/deploy-7-a", "evidence": [],
                 "durationMillis": 5200}
                """);
        Report byTag = Report.parse("deploy-report.json", """
                {"target": "docker", "object": "iris", "image": "iris:2", "outcome": "DEPLOYED", "succeeded": true, "logDirectory": "/l"}
                """);

        assertThat(ReportVerdicts.deploy("deploy", deployed, true, null).label()).isEqualTo("deploy: DEPLOYED iris@sha256:ab12cd34ef56…");
        assertThat(ReportVerdicts.deploy("deploy", byTag, true, null).label()).isEqualTo("deploy: DEPLOYED iris (iris:2)");
    }

    @Test
    void aRolledBackDeployFailsWithTheReasonButARollbackThatGotBackPasses() {
        Report rolledBack = Report.parse("deploy-report.json", """
                {"target": "docker", "object": "iris", "image": "iris:2", "outcome": "ROLLED_BACK", "succeeded": false,
                 "failure": {"reason": "OOM_KILLED", "container": "iris", "exitCode": 137, "restarts": 0, "limits": "memory=128Mi",
                             "detail": "", "lastLines": ["killed"], "summary": "container iris (iris:2): OOMKilled"},
                 "rollback": "restored the previous container (iris:1), ready", "logDirectory": "/l"}
                """);

        StageVerdict deploy = ReportVerdicts.deploy("deploy", rolledBack, false, "mlDeploy: docker iris ROLLED_BACK ...");
        assertThat(deploy.label()).isEqualTo("deploy: ROLLED_BACK iris (iris:2), OOM_KILLED");
        assertThat(deploy.failure()).isEqualTo("ROLLED_BACK");
        assertThat(deploy.consequence(UnstableOn.NONE)).isEqualTo(Consequence.FAIL);
        assertThat(ReportVerdicts.deploy("rollback", rolledBack, true, null).isPassed()).isTrue();
    }

    @Test
    void aBuildShowsTheImageIdOrTheFailingDockerfileLine() {
        Report built = Report.parse("build-report.json", """
                {"status": "success", "image": "team/model:1", "imageId": "sha256:0123456789abcdef0123", "pushed": {"reference": "r:5000/m:1"}}
                """);
        Report failed = Report.parse("build-report.json", """
                {"status": "failure", "image": "team/model:1", "failingInstruction": {"step": 3, "line": 7, "instruction": "RUN pip install"}}
                """);

        assertThat(ReportVerdicts.build(built, "unused").label()).isEqualTo("build: team/model:1 sha256:0123456789ab…, pushed");
        StageVerdict verdict = ReportVerdicts.build(failed, "mlBuildImage: building team/model:1 failed (failure)");
        assertThat(verdict.label()).isEqualTo("build: FAILED at Dockerfile:7");
        assertThat(verdict.message()).isEqualTo("mlBuildImage: building team/model:1 failed (failure)");
    }

    @Test
    void aDiagnosisNeverFailsAndShowsTheMemoryLimit() {
        Report diagnosis = Report.parse("diagnosis.json", """
                {"target": "kubernetes", "name": "iris", "verdict": "OOM_KILLED", "reason": "killed at the limit",
                 "recommendation": {"requests": {"cpu": "250m", "memory": "175Mi"}, "limits": {"memory": "175Mi"}}}
                """);
        Report noData = Report.parse("diagnosis.json", """
                {"verdict": "NO_DATA", "recommendation": {"limits": {"memory": "no data"}}}
                """);

        assertThat(ReportVerdicts.diagnose(diagnosis).label()).isEqualTo("diagnose: OOM_KILLED, limits.memory: 175Mi");
        assertThat(ReportVerdicts.diagnose(noData).label()).isEqualTo("diagnose: NO_DATA, limits.memory: no data");
        assertThat(ReportVerdicts.diagnose(diagnosis).isPassed()).isTrue();
    }

    @Test
    void aShadowPassesOnlyWhenPromotedAndAbortedOrInconclusiveAreUnstableOnlyWhenThePipelineSaysSo() {
        Report promoted = Report.parse("shadow-report.json", """
                {"shadow": "iris-shadow-1a2b3c", "outcome": "PROMOTED", "reason": "every criterion passed", "pairs": 240,
                 "agreement": 1.0, "decisions": []}
                """);
        Report aborted = Report.parse("shadow-report.json", """
                {"shadow": "iris-shadow-1a2b3c", "outcome": "ABORTED", "reason": "agreement 0.873333 < 0.99", "pairs": 300,
                 "agreement": 0.873333, "decisions": []}
                """);
        Report inconclusive = Report.parse("shadow-report.json", """
                {"shadow": "iris-shadow-1a2b3c", "outcome": "INCONCLUSIVE", "reason": "0 pairs by maxDuration", "pairs": 0,
                 "agreement": null, "decisions": []}
                """);

        assertThat(ReportVerdicts.shadow(promoted, "mlShadow").label()).isEqualTo("shadow: PROMOTED, agreement 1.0 over 240 pairs");
        assertThat(ReportVerdicts.shadow(promoted, "mlShadow").isPassed()).isTrue();
        StageVerdict abortedVerdict = ReportVerdicts.shadow(aborted, "mlShadow");
        assertThat(abortedVerdict.label()).isEqualTo("shadow: ABORTED, agreement 0.873333 over 300 pairs");
        assertThat(abortedVerdict.failure()).isEqualTo("ABORTED");
        assertThat(abortedVerdict.message()).startsWith("mlShadow: ABORTED: agreement 0.873333 < 0.99");
        assertThat(abortedVerdict.consequence(UnstableOn.NONE)).isEqualTo(Consequence.FAIL);
        StageVerdict inconclusiveVerdict = ReportVerdicts.shadow(inconclusive, "mlShadow");
        assertThat(inconclusiveVerdict.label()).isEqualTo("shadow: INCONCLUSIVE, no agreement measured over 0 pairs");
        assertThat(inconclusiveVerdict.consequence(UnstableOn.NONE)).as("fail closed: nothing promoted").isEqualTo(Consequence.FAIL);
        assertThat(inconclusiveVerdict.consequence(UnstableOn.parse("mlShadow", "INCONCLUSIVE", ReportVerdicts.SHADOW_SOFT)))
                .isEqualTo(Consequence.UNSTABLE);
        assertThat(abortedVerdict.consequence(UnstableOn.parse("mlShadow", "INCONCLUSIVE", ReportVerdicts.SHADOW_SOFT)))
                .isEqualTo(Consequence.FAIL);
    }

    @Test
    void unstableOnAcceptsOnlyTheStepsOwnFailuresSoATypoNeverSoftensOne() {
        Set<String> shadow = Set.of("INCONCLUSIVE", "ABORTED");
        UnstableOn both = UnstableOn.parse("mlShadow", " inconclusive, ABORTED ,", shadow);

        assertThat(both.contains("INCONCLUSIVE")).isTrue();
        assertThat(both.contains("ABORTED")).isTrue();
        assertThat(both).hasToString("ABORTED,INCONCLUSIVE");
        assertThat(UnstableOn.parse("mlShadow", " ", shadow).contains("ABORTED")).isFalse();
        assertThatThrownBy(() -> UnstableOn.parse("mlVerifyImage", "OOMKILLED", ReportVerdicts.VERIFY_SOFT))
                .hasMessage("mlVerifyImage: unstableOn 'OOMKILLED' is not a failure this step can mark unstable; use one or more of OOM, comma-separated");
        assertThatThrownBy(() -> UnstableOn.parse("mlDeploy", "ROLLED_BACK", Set.of()))
                .hasMessage("mlDeploy: unstableOn 'ROLLED_BACK' is not a failure this step can mark unstable; it has none, remove unstableOn");
    }

    @Test
    void reportLinksPointBelowTheBuildsMlshipAction() {
        assertThat(ReportLinks.url("job/iris/7/", ".mlship/jenkins/scan-7-ab12cd34", ".mlship/jenkins/scan-7-ab12cd34/scan-report.html"))
                .isEqualTo("/job/iris/7/mlship-report/files/scan-7-ab12cd34/scan-report.html");
        assertThat(ReportLinks.url("job/f/job/iris/7", "sub/.mlship/jenkins/verify-7-x", "elsewhere/verify-report.json"))
                .isEqualTo("/job/f/job/iris/7/mlship-report/files/verify-7-x/verify-report.json");
    }
}
