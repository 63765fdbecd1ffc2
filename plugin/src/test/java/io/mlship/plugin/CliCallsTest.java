package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CliStepException;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;

/** Each step's fields become the CLI's options, exactly as `mlship <command> --help` lists them. */
class CliCallsTest {

    static final String FOLDER = ".mlship/jenkins/x-1-abcd";
    static final Map<String, String> PIPELINE = Map.of(CliEnvironment.DOCKER_HOST, "tcp://docker:2376", "JOB_NAME", "iris",
            "BUILD_NUMBER", "42", "JENKINS_URL", "https://ci.example/");

    private static CliEnvironment env(Map<String, String> pipeline) {
        return new CliEnvironment(pipeline, false, List.of());
    }

    @Test
    void buildPassesEveryFieldAndTheRunFolder() {
        BuildImageStep step = new BuildImageStep("team/model:1");
        step.setContext("model");
        step.setDockerfile("Dockerfile.gpu");
        step.setTarget("serve");
        step.setFailOnUnpinned(true);
        step.setNoise(List.of("GET /health"));

        CliCall call = CliCalls.build(step, env(PIPELINE), FOLDER);

        assertThat(call.arguments()).containsExactly("build", "--context", "model", "--image", "team/model:1",
                "--dockerfile", "Dockerfile.gpu", "--target", "serve", "--fail-on-unpinned", "--log-dir", FOLDER,
                "--report", FOLDER + "/build-report.json", "--noise", "GET /health", "--docker-host", "tcp://docker:2376");
        assertThat(call.report()).isEqualTo(FOLDER + "/build-report.json");
    }

    @Test
    void pushGivesTheRegistryUserAndMasksThePasswordWhichNeverIsAnArgument() {
        BuildImageStep step = new BuildImageStep("team/model:1");
        step.setPush("127.0.0.1:5001/team/model:1");
        step.setDockerHost("unix:///run/docker.sock");
        Map<String, String> pipeline = Map.of(CliEnvironment.REGISTRY_USER, "ci", CliEnvironment.REGISTRY_PASSWORD, "s3cret");

        CliCall call = CliCalls.build(step, env(pipeline), FOLDER);

        assertThat(call.arguments()).containsSequence("--push", "127.0.0.1:5001/team/model:1", "--registry-user", "ci")
                .containsSequence("--mask-env", CliEnvironment.REGISTRY_PASSWORD)
                .containsSequence("--docker-host", "unix:///run/docker.sock")
                .doesNotContain("s3cret");
    }

    @Test
    void withoutANamedDaemonTheStepRefusesUnlessTheAgentEnvironmentIsWanted() {
        BuildImageStep step = new BuildImageStep("team/model:1");

        assertThatThrownBy(() -> CliCalls.build(step, env(Map.of()), FOLDER))
                .isInstanceOf(CliStepException.class)
                .hasMessageStartingWith("mlBuildImage: no Docker daemon is named")
                .hasMessageContaining("dockerHost:", CliEnvironment.DOCKER_HOST, "useAgentEnvironment: true");
        assertThat(CliCalls.build(step, new CliEnvironment(Map.of(), true, List.of()), FOLDER).arguments()).doesNotContain("--docker-host");
    }

    @Test
    void verifyPassesLimitsSamplesAndProbe() {
        VerifyImageStep step = new VerifyImageStep("team/model:1", "2Gi");
        step.setCpus(2);
        step.setSamples("samples.json");
        step.setPort(9000);
        step.setReadyPath("/ready");
        step.setReadyTimeoutSeconds(90);
        step.setHeadroom(0.9);
        step.setMaskVariables(List.of("HF_TOKEN"));

        CliCall call = CliCalls.verify(step, new CliEnvironment(Map.of("HF_TOKEN", "t", CliEnvironment.DOCKER_HOST, "tcp://d:2375"),
                false, step.getMaskVariables()), FOLDER);

        assertThat(call.arguments()).containsExactly("verify", "--image", "team/model:1", "--memory", "2Gi", "--cpus", "2.0",
                "--samples", "samples.json", "--port", "9000", "--ready-path", "/ready", "--ready-timeout", "90", "--headroom", "0.9",
                "--log-dir", FOLDER, "--report", FOLDER + "/verify-report.json", "--mask-env", "HF_TOKEN", "--docker-host", "tcp://d:2375");
    }

    @Test
    void scanWritesAllThreeReportsAndNeedsNoDaemonForAnArchive() {
        ScanImageStep step = new ScanImageStep("team/model:1");
        step.setDb("/data/osv");
        step.setFailOn("high");
        step.setAllowlist("allow.yaml");
        step.setSizeBudget("1Gi");

        assertThat(CliCalls.scan(step, env(PIPELINE), FOLDER).arguments()).containsExactly("scan", "--image", "team/model:1",
                "--docker-host", "tcp://docker:2376", "--db", "/data/osv", "--format", "json,sarif,html",
                "--output", FOLDER + "/scan-report.json", "--fail-on", "high", "--allowlist", "allow.yaml", "--size-budget", "1Gi");

        step.setArchive("image.tar");
        assertThat(CliCalls.scan(step, env(Map.of()), FOLDER).arguments()).startsWith("scan", "--archive", "image.tar", "--db")
                .doesNotContain("--image", "--docker-host");
    }

    @Test
    void deployAndRollbackNameTheTargetTheLockHolderAndRefuseTheAgentsDaemonByDefault() {
        DeployStep step = new DeployStep("models/iris");
        step.setImage("registry:5000/iris:42");
        step.setTarget("kubernetes");
        step.setNamespace("models");
        step.setName("iris");
        step.setServer("https://api:6443");
        step.setKubeContext("prod");
        step.setLockTimeoutSeconds(60);
        step.setRollback(false);
        step.setProgressDeadlineSeconds(300);
        step.setReadinessWindowSeconds(30);
        Map<String, String> pipeline = Map.of(CliEnvironment.KUBE_TOKEN, "tok", "JOB_NAME", "iris", "BUILD_NUMBER", "42");

        CliCall call = CliCalls.deploy(step, env(pipeline), pipeline, FOLDER);

        assertThat(call.arguments()).containsExactly("deploy", "--project", "models/iris", "--target", "kubernetes",
                "--namespace", "models", "--name", "iris", "--server", "https://api:6443", "--context", "prod",
                "--require-docker-host", "--lock-timeout", "60", "--lock-holder", "jenkins iris #42", "--log-dir", FOLDER,
                "--mask-env", CliEnvironment.KUBE_TOKEN, "--image", "registry:5000/iris:42", "--no-rollback",
                "--progress-deadline", "300", "--readiness-window", "30");
        assertThat(call.report()).isEqualTo(FOLDER + "/deploy-report.json");

        RollbackStep rollback = new RollbackStep("models/iris");
        rollback.setUseAgentEnvironment(true);
        assertThat(CliCalls.rollback(rollback, new CliEnvironment(PIPELINE, true, List.of()), PIPELINE, FOLDER).arguments())
                .containsExactly("rollback", "--project", "models/iris", "--docker-host", "tcp://docker:2376",
                        "--lock-holder", "jenkins iris #42 (https://ci.example/)", "--log-dir", FOLDER);
    }

    @Test
    void diagnoseNamesTheDaemonOnlyForTheDockerTargetAndWritesDiagnosisJson() {
        DiagnoseStep docker = new DiagnoseStep("iris");
        docker.setWindow("1d");
        CliCall call = CliCalls.diagnose(docker, env(PIPELINE), FOLDER);
        assertThat(call.arguments()).startsWith("diagnose", "--target", "docker", "--name", "iris", "--window", "1d",
                "--report", FOLDER + "/diagnosis.json").contains("--docker-host");
        assertThat(call.report()).isEqualTo(FOLDER + "/diagnosis.json");
        assertThatThrownBy(() -> CliCalls.diagnose(docker, env(Map.of()), FOLDER)).hasMessageContaining("mlDiagnose");

        DiagnoseStep cluster = new DiagnoseStep("iris");
        cluster.setTarget("kubernetes");
        cluster.setNamespace("models");
        cluster.setPrometheus("http://prometheus:9090");
        assertThat(CliCalls.diagnose(cluster, env(Map.of()), FOLDER).arguments()).containsExactly("diagnose", "--target",
                "kubernetes", "--name", "iris", "--namespace", "models", "--prometheus", "http://prometheus:9090",
                "--report", FOLDER + "/diagnosis.json");
        assertThat(DiagnoseStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlDiagnose");
    }

    @Test
    void shadowRunsShadowRunWithTheDeployTargetTheCandidateAndItsPrometheus() {
        ShadowStep step = new ShadowStep("models/iris");
        step.setImage("registry:5000/iris:43");
        step.setTarget("docker");
        step.setName("iris");
        step.setPrometheus("http://prometheus:9090");
        step.setPrometheusTargets("/etc/prometheus/targets");

        CliCall call = CliCalls.shadow(step, env(PIPELINE), PIPELINE, FOLDER);

        assertThat(call.arguments()).containsExactly("shadow", "run", "--project", "models/iris", "--target", "docker",
                "--name", "iris", "--docker-host", "tcp://docker:2376", "--require-docker-host",
                "--lock-holder", "jenkins iris #42 (https://ci.example/)", "--log-dir", FOLDER,
                "--image", "registry:5000/iris:43", "--prometheus", "http://prometheus:9090",
                "--prometheus-targets", "/etc/prometheus/targets");
        assertThat(call.command()).isEqualTo("shadow");
        assertThat(call.report()).isEqualTo(FOLDER + "/shadow-report.json");
        assertThat(ShadowStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlShadow");
    }

    @Test
    void stepsAreRegisteredUnderTheirSymbols() {
        assertThat(DeployStep.DescriptorImpl.class.getAnnotation(Extension.class)).isNotNull();
        assertThat(DeployStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlDeploy");
        assertThat(RollbackStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlRollback");
        assertThat(ScanImageStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("mlScanImage");
        assertThat(new DeployStep.DescriptorImpl().getRequiredContext()).isEqualTo(StepEnvironment.REQUIRED_CONTEXT);
        DeployStep step = new DeployStep(" ");
        assertThat(step.getProject()).isEqualTo(".");
        assertThat(step.isRollback()).isTrue();
        assertThat(step.isUseAgentEnvironment()).isFalse();
    }
}
