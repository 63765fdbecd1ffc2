package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared step base: each step names its function and command, and the base runs exactly the step's command line. */
class MlshipStepTest {

    static final String FOLDER = ".mlship/jenkins/x-1-abcd";
    static final Map<String, String> PIPELINE = Map.of(CliEnvironment.DOCKER_HOST, "tcp://docker:2376", "JOB_NAME", "iris",
            "BUILD_NUMBER", "42", "MODEL_TOKEN", "s3cr3t");

    private static CliCall call(MlshipStep step, List<String> maskVariables) {
        return step.cliCall(new CliEnvironment(PIPELINE, step.isUseAgentEnvironment(), maskVariables), PIPELINE, FOLDER);
    }

    @Test
    void everyStepRunsTheCommandItIsNamedForWithItsRunFolder() {
        List<MlshipStep> steps = List.of(new BuildImageStep("team/model:1"), new VerifyImageStep("team/model:1", "2Gi"),
                new ScanImageStep("team/model:1"), new DeployStep("models/iris"), new RollbackStep("models/iris"));

        assertThat(steps).extracting(MlshipStep::functionName)
                .containsExactly("mlBuildImage", "mlVerifyImage", "mlScanImage", "mlDeploy", "mlRollback");
        assertThat(steps).extracting(MlshipStep::command).containsExactly("build", "verify", "scan", "deploy", "rollback");
        for (MlshipStep step : steps) {
            CliCall call = call(step, List.of());
            assertThat(call.command()).as(step.functionName()).isEqualTo(step.command());
            assertThat(call.runFolder()).isEqualTo(FOLDER);
        }
    }

    @Test
    void theBaseFieldsReachTheCommandLine() {
        DeployStep deploy = new DeployStep("models/iris");
        deploy.setDockerHost("tcp://edge:2376");
        deploy.setMaskVariables(List.of("MODEL_TOKEN"));
        deploy.setUseAgentEnvironment(true);

        CliCall call = call(deploy, deploy.maskedVariables());

        assertThat(call.arguments()).containsSequence("--docker-host", "tcp://edge:2376")
                .containsSequence("--mask-env", "MODEL_TOKEN").doesNotContain("--require-docker-host");
        assertThat(new ScanImageStep("team/model:1").maskedVariables()).isEmpty();
    }

    @Test
    void aDeployReachedItsGoalWhenItSucceededARollbackWhenThePreviousRevisionIsBack() {
        Report deployed = Report.parse("deploy-report.json", "{\"succeeded\": true, \"outcome\": \"DEPLOYED\"}");
        Report rolledBack = Report.parse("deploy-report.json", "{\"succeeded\": false, \"outcome\": \"ROLLED_BACK\"}");

        assertThat(new DeployStep("m").reachedGoal(deployed)).isTrue();
        assertThat(new DeployStep("m").reachedGoal(rolledBack)).isFalse();
        assertThat(new RollbackStep("m").reachedGoal(rolledBack)).isTrue();
        assertThat(new RollbackStep("m").reachedGoal(deployed)).isFalse();
    }

    @Test
    void theStepLogLinksTheReportAndAScanItsHtmlSarifAndJsonReports() {
        CliCall scan = call(new ScanImageStep("team/model:1"), List.of());
        CliCall verify = call(new VerifyImageStep("team/model:1", "1Gi"), List.of());

        assertThat(new ScanImageStep("team/model:1").linkedReports(scan)).containsExactly(FOLDER + "/scan-report.html",
                FOLDER + "/scan-report.sarif", FOLDER + "/scan-report.json");
        assertThat(new VerifyImageStep("team/model:1", "1Gi").linkedReports(verify)).containsExactly(FOLDER + "/verify-report.json");
    }

    @Test
    void onlyScanAndVerifyHaveFailuresThePipelineMayMarkUnstable() {
        assertThat(new ScanImageStep("m").unstableAllowed()).containsExactly("GATE_FAILED");
        assertThat(new VerifyImageStep("m", "1Gi").unstableAllowed()).containsExactly("OOM");
        for (MlshipStep step : List.of(new BuildImageStep("m"), new DeployStep("p"), new RollbackStep("p"), new DiagnoseStep("iris"))) {
            assertThat(step.unstableAllowed()).as(step.functionName()).isEmpty();
        }
    }
}
