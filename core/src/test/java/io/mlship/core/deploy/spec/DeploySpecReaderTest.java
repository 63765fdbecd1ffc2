package io.mlship.core.deploy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy section of mlship.yaml: every field, the defaults, and errors that name the field path. */
class DeploySpecReaderTest {

    @TempDir
    Path project;

    private DeploySpec read(String yaml) throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), yaml);
        return DeploySpecReader.read(project, DeployOverrides.none());
    }

    private void invalid(String yaml, String message) throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), yaml);
        assertThatThrownBy(() -> DeploySpecReader.read(project, DeployOverrides.none()))
                .isInstanceOf(MlshipException.class).hasMessageContaining(message);
    }

    @Test
    void readsEveryField() throws Exception {
        DeploySpec spec = read("""
                name: iris
                image: {port: 8080}
                deploy:
                  namespace: models
                  image: registry:5000/team/iris:1.0.0
                  replicas: 3
                  target: openshift
                  resources:
                    requests: {memory: 64Mi, cpu: 100m}
                    limits: {memory: 128Mi, cpu: "1.5"}
                  env: {LOG_LEVEL: info}
                  secretEnv:
                    - {name: API_TOKEN, secret: iris-secrets, key: token}
                  probes:
                    readiness: {path: /ready, periodSeconds: 5}
                  rollout: {progressDeadlineSeconds: 300, readinessWindowSeconds: 60, crashLoopRestarts: 3, rollback: false}
                  docker: {hostIp: 127.0.0.1, hostPort: 18080, restartRetries: 2}
                  openshift: {route: true, routeHost: iris.apps.example.com}
                """);

        assertThat(spec.name()).isEqualTo("iris");
        assertThat(spec.namespace()).isEqualTo("models");
        assertThat(spec.image().value()).isEqualTo("registry:5000/team/iris:1.0.0");
        assertThat(spec.replicas()).isEqualTo(3);
        assertThat(spec.port()).isEqualTo(8080);
        assertThat(spec.target()).isEqualTo(DeployTarget.OPENSHIFT);
        assertThat(spec.resources().memoryLimit()).contains(MemorySize.ofMebibytes(128));
        assertThat(spec.resources().cpuLimit().orElseThrow().cores()).isEqualTo(1.5);
        assertThat(spec.resources().cpuRequest().orElseThrow().cores()).isEqualTo(0.1);
        assertThat(spec.env()).containsEntry("LOG_LEVEL", "info");
        assertThat(spec.secretEnv()).containsExactly(new SecretEnv("API_TOKEN", "iris-secrets", "token"));
        assertThat(spec.readiness()).isEqualTo(new HttpProbe("/ready", 0, 5, 3));
        assertThat(spec.policy()).isEqualTo(new RolloutPolicy(Duration.ofSeconds(300), Duration.ofSeconds(60), 3, false,
                RolloutPolicy.defaults().lockTimeout()));
        assertThat(spec.docker()).isEqualTo(new DockerHostOptions("127.0.0.1", java.util.Optional.of(18080), 2));
        assertThat(spec.openshift().routeHost()).contains("iris.apps.example.com");
    }

    @Test
    void overridesWinAndDefaultsFillTheRest() throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), "name: iris\n");
        DeploySpec spec = DeploySpecReader.read(project, DeployOverrides.none().withImage("iris:2").withTarget(DeployTarget.DOCKER));

        assertThat(spec.image().value()).isEqualTo("iris:2");
        assertThat(spec.target()).isEqualTo(DeployTarget.DOCKER);
        assertThat(spec.namespace()).isEqualTo("default");
        assertThat(spec.replicas()).isEqualTo(1);
        assertThat(spec.policy()).isEqualTo(RolloutPolicy.defaults());
    }

    @Test
    void errorsNameTheFieldPath() throws Exception {
        invalid("deploy: {image: 'iris:1', resources: {limits: {memory: lots}}}", "deploy.resources.limits.memory `lots` is not a memory size");
        invalid("deploy: {image: 'iris:1', resources: {limits: {cpu: two}}}", "deploy.resources.limits.cpu `two` is not a CPU amount");
        invalid("deploy: {image: 'iris:1', resources: {limts: {cpu: 1}}}", "deploy.resources.limts is not a known field");
        invalid("deploy: {image: 'iris:1', replicas: many}", "deploy.replicas must be a whole number");
        invalid("deploy: {image: 'iris:1', target: swarm}", "deploy.target `swarm` is not a deploy target: use one of kubernetes, openshift, docker");
        invalid("deploy: {image: 'iris:1', name: Iris_Model}", "deploy.name `Iris_Model` is not a valid name");
        invalid("deploy: {image: 'iris:1', secretEnv: [{name: TOKEN, secret: s}]}", "deploy.secretEnv[0].key must be set");
        invalid("deploy: {image: 'iris:1', resources: {requests: {memory: 1Gi}, limits: {memory: 128Mi}}}",
                "deploy.resources.requests.memory 1024Mi is above deploy.resources.limits.memory 128Mi");
        invalid("deploy: {image: 'iris:1', rollout: {rollback: maybe}}", "deploy.rollout.rollback must be true or false");
    }

    @Test
    void anImageWithoutTagOrDigestIsRefused() throws Exception {
        invalid("deploy: {image: 'registry:5000/team/iris'}", "deploy.image `registry:5000/team/iris` has neither a tag nor a digest");
        invalid("deploy: {namespace: models}", "deploy.image is missing");
        assertThat(new DeployImage("registry:5000/team/iris@sha256:" + "a".repeat(64)).value()).endsWith("a".repeat(64));
    }
}
