package io.mlship.plugin;

import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.docker.DockerEndpoint;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code mlDeploy} and {@code mlRollback} share: which object, and how to reach its target. */
final class DeployTargetFields implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Bound by {@code withCredentials}: never a step parameter, so it never lands in the build's XML. */
    static final String TOKEN_VARIABLE = "MLSHIP_KUBE_TOKEN";

    String target;
    String namespace;
    String name;
    String server;
    String kubeContext;
    String dockerHost;
    Integer lockTimeoutSeconds;
    List<String> noise = List.of();
    List<String> maskVariables = List.of();


    DeployOverrides overrides() {
        return DeployOverrides.none()
                .withTarget(target == null ? null : DeployTarget.parse(target, "mlDeploy target"))
                .withNamespace(namespace)
                .withName(name);
    }

    DeploySpec withTimeouts(DeploySpec spec) {
        return lockTimeoutSeconds == null ? spec : spec.toBuilder().policy(p -> p.withLockTimeout(Duration.ofSeconds(lockTimeoutSeconds))).build();
    }

    /** The holder named in the deploy lock: the job and build, so a waiting pipeline says whom it waits for. */
    static String holder(Map<String, String> environment) {
        return "jenkins " + environment.getOrDefault("JOB_NAME", "job") + " #" + environment.getOrDefault("BUILD_NUMBER", "?")
                + Optional.ofNullable(environment.get("JENKINS_URL")).map(u -> " (" + u + ")").orElse("");
    }

    DeployRequest request(String step, DeploySpec spec, Path logDirectory, Map<String, String> environment) {
        ClusterConnection cluster = new ClusterConnection(Optional.ofNullable(server),
                Optional.ofNullable(environment.get(TOKEN_VARIABLE)), Optional.ofNullable(kubeContext), false);
        DockerEndpoint docker = spec.target() == DeployTarget.DOCKER
                ? DockerEndpoint.resolve(Optional.ofNullable(dockerHost), environment) : null;
        return new DeployRequest(spec, logDirectory, holder(environment), cluster, docker,
                StepLogOptions.settings(step, noise, maskVariables, environment));
    }
}
