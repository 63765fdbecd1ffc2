package io.mlship.core.deploy;

import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.RolloutPolicy;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.capture.CaptureSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a front end says about one deploy or rollback: the project, what it sets over the {@code deploy:}
 * section, how to reach the target, the time-outs, who deploys and how the evidence is captured. A builder
 * of {@link DeployRequest}s: the CLI's options (which the Jenkins steps pass on, running the CLI) only fill one, then ask for
 * {@link #deployRequest} or {@link #rollbackRequest}; reading the spec, applying the overrides and taking the
 * API token from the environment happen here, once.
 */
public final class DeployTargetSettings {

    /**
     * The environment variable holding the API token. Never an option or step parameter: on a command line
     * {@code ps} shows it, in a step parameter it lands in the build's XML.
     */
    public static final String TOKEN_VARIABLE = "MLSHIP_KUBE_TOKEN";

    private final Path project;
    private final Path logDirectory;
    private DeployOverrides overrides = DeployOverrides.none();
    private Optional<String> server = Optional.empty();
    private Optional<String> context = Optional.empty();
    private boolean insecureSkipTlsVerify;
    private Optional<String> dockerHost = Optional.empty();
    private Optional<Duration> lockTimeout = Optional.empty();
    private Optional<Duration> progressDeadline = Optional.empty();
    private Optional<Duration> readinessWindow = Optional.empty();
    private Optional<Boolean> rollback = Optional.empty();
    private String holder = DeployRequest.defaultHolder();
    private CaptureSettings logs = CaptureSettings.defaults();

    /**
     * @param project      the model project whose {@code mlship.yaml} has the {@code deploy:} section
     * @param logDirectory where the evidence and the report go
     */
    public DeployTargetSettings(Path project, Path logDirectory) {
        this.project = Objects.requireNonNull(project, "project");
        this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
    }

    /** A deploy: the project's spec with this front end's overrides and time-outs. */
    public DeployRequest deployRequest(Map<String, String> environment) {
        return request(withTimeouts(DeploySpecReader.read(project, overrides)), environment);
    }

    /** A rollback, which needs no image: {@link DeploySpecReader#readForRollback}. */
    public DeployRequest rollbackRequest(Map<String, String> environment) {
        return request(withTimeouts(DeploySpecReader.readForRollback(project, overrides)), environment);
    }

    private DeploySpec withTimeouts(DeploySpec spec) {
        RolloutPolicy policy = spec.policy();
        policy = lockTimeout.map(policy::withLockTimeout).orElse(policy);
        policy = progressDeadline.map(policy::withProgressDeadline).orElse(policy);
        policy = readinessWindow.map(policy::withReadinessWindow).orElse(policy);
        policy = rollback.map(policy::withRollback).orElse(policy);
        return spec.toBuilder().policy(policy).build();
    }

    /** The token is read here, from {@link #TOKEN_VARIABLE}; the Docker daemon is resolved only for the docker target. */
    private DeployRequest request(DeploySpec spec, Map<String, String> environment) {
        ClusterConnection cluster = new ClusterConnection(server, Optional.ofNullable(environment.get(TOKEN_VARIABLE)),
                context, insecureSkipTlsVerify);
        DockerEndpoint docker = spec.target() == DeployTarget.DOCKER ? DockerEndpoint.resolve(dockerHost, environment) : null;
        return new DeployRequest(spec, logDirectory, holder, cluster, docker, logs);
    }

    // Every setter takes null as "not given", so option and step fields go in as they are; what is not given
    // comes from mlship.yaml (image, target, namespace, name, time-outs, rollback), else its default: the
    // kubeconfig for the server and context, DOCKER_HOST then mlship's daemon for the Docker host.

    /** @param field how the front end names the field, for the error on a wrong value, e.g. {@code --target} */
    public DeployTargetSettings target(String value, String field) {
        overrides = overrides.withTarget(value == null ? null : DeployTarget.parse(value, field));
        return this;
    }

    public DeployTargetSettings image(String value) { overrides = overrides.withImage(value); return this; }
    public DeployTargetSettings namespace(String value) { overrides = overrides.withNamespace(value); return this; }
    public DeployTargetSettings name(String value) { overrides = overrides.withName(value); return this; }
    public DeployTargetSettings server(String value) { server = Optional.ofNullable(value); return this; }
    public DeployTargetSettings context(String value) { context = Optional.ofNullable(value); return this; }
    public DeployTargetSettings insecureSkipTlsVerify(boolean value) { insecureSkipTlsVerify = value; return this; }
    public DeployTargetSettings dockerHost(String value) { dockerHost = Optional.ofNullable(value); return this; }
    public DeployTargetSettings lockTimeoutSeconds(Number value) { lockTimeout = seconds(value); return this; }
    public DeployTargetSettings progressDeadlineSeconds(Number value) { progressDeadline = seconds(value); return this; }
    public DeployTargetSettings readinessWindowSeconds(Number value) { readinessWindow = seconds(value); return this; }
    public DeployTargetSettings rollback(boolean value) { rollback = Optional.of(value); return this; }
    public DeployTargetSettings logs(CaptureSettings value) { logs = value; return this; }

    /** Who deploys, named in the deploy lock; default: {@link DeployRequest#defaultHolder()}. */
    public DeployTargetSettings holder(String value) { holder = value; return this; }

    private static Optional<Duration> seconds(Number value) {
        return Optional.ofNullable(value).map(v -> Duration.ofSeconds(v.longValue()));
    }
}
