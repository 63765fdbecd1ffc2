package io.mlship.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import io.mlship.core.deploy.spec.DeployImage;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.log.capture.CaptureSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI and the plugin fill alike becomes one DeployRequest: overrides, time-outs, the token, the daemon. */
class DeployTargetSettingsTest {

    @TempDir
    Path project;

    final Path logs = Path.of("logs-of-this-run");

    @BeforeEach
    void writeProject() throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), """
                name: iris
                image: {port: 8080}
                deploy:
                  image: registry:5000/team/iris:1
                  namespace: models
                  rollout: {progressDeadlineSeconds: 300, readinessWindowSeconds: 60, rollback: true, lockTimeoutSeconds: 90}
                """);
    }

    @Test
    void whatIsNotGivenComesFromTheDeploySectionAndTheTokenOnlyFromTheEnvironment() {
        DeployRequest request = new DeployTargetSettings(project, logs).target(null, "--target").namespace(null)
                .server("https://api.example.com:6443").lockTimeoutSeconds(null)
                .deployRequest(Map.of(DeployTargetSettings.TOKEN_VARIABLE, "s3cr3t-token"));

        assertThat(request.spec().name()).isEqualTo("iris");
        assertThat(request.spec().namespace()).isEqualTo("models");
        assertThat(request.spec().target()).isEqualTo(DeployTarget.KUBERNETES);
        assertThat(request.spec().image().value()).isEqualTo("registry:5000/team/iris:1");
        assertThat(request.spec().policy().progressDeadline()).isEqualTo(Duration.ofSeconds(300));
        assertThat(request.spec().policy().lockTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(request.spec().policy().rollback()).isTrue();
        assertThat(request.cluster().server()).contains("https://api.example.com:6443");
        assertThat(request.cluster().token()).contains("s3cr3t-token");
        assertThat(request.evidenceSettings().secrets()).contains("s3cr3t-token");
        assertThat(request.docker()).as("no Docker daemon for a cluster target").isNull();
        assertThat(request.logDirectory()).isEqualTo(logs);
    }

    @Test
    void givenFieldsOverrideTheDeploySection() {
        DeployRequest request = new DeployTargetSettings(project, logs).target("docker", "--target").namespace("other")
                .name("iris-canary").image("registry:5000/team/iris:2").dockerHost("unix:///run/other.sock")
                .lockTimeoutSeconds(5).progressDeadlineSeconds(30L).readinessWindowSeconds(10).rollback(false)
                .holder("jenkins iris #7").logs(CaptureSettings.defaults().withNoise(List.of("GET /health")))
                .deployRequest(Map.of());

        assertThat(request.spec().target()).isEqualTo(DeployTarget.DOCKER);
        assertThat(request.spec().namespace()).isEqualTo("other");
        assertThat(request.spec().name()).isEqualTo("iris-canary");
        assertThat(request.spec().image()).isEqualTo(new DeployImage("registry:5000/team/iris:2"));
        assertThat(request.spec().policy().lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(request.spec().policy().progressDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(request.spec().policy().readinessWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(request.spec().policy().rollback()).isFalse();
        assertThat(request.holder()).isEqualTo("jenkins iris #7");
        assertThat(request.logs().noiseRules()).contains("GET /health");
        assertThat(request.docker().host()).isEqualTo("unix:///run/other.sock");
        assertThat(request.cluster().token()).isEqualTo(Optional.empty());
    }

    @Test
    void aRollbackNeedsNoImageAndAWrongTargetNamesTheFrontEndsField() throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), "name: iris\ndeploy: {target: docker}\n");
        DeployRequest rollback = new DeployTargetSettings(project, logs).rollbackRequest(Map.of());
        assertThat(rollback.spec().image()).isEqualTo(new DeployImage(DeployImage.NOT_NEEDED));

        assertThatThrownBy(() -> new DeployTargetSettings(project, logs).target("nomad", "mlDeploy target"))
                .isInstanceOf(MlshipException.class).hasMessageContaining("mlDeploy target");
    }
}
