package io.mlship.cli;

import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.deploy.DeployTargetSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What `mlship deploy` and `mlship rollback` share: which project and object, and how to reach the target. */
final class DeployTargetOptions {

    @Option(names = "--project", defaultValue = ".", description = "Model project whose mlship.yaml has the deploy: section (default: the current folder).")
    Path project;

    @Option(names = "--target", description = "kubernetes, openshift or docker (default: deploy.target, else kubernetes).")
    String target;

    @Option(names = "--namespace", description = "Namespace (default: deploy.namespace, else default).")
    String namespace;

    @Option(names = "--name", description = "Name of the Deployment/container (default: deploy.name, else the project name).")
    String name;

    @Option(names = "--server", description = "API server URL (default: the kubeconfig); the token is read from $" + DeployTargetSettings.TOKEN_VARIABLE + ".")
    String server;

    @Option(names = "--context", description = "kubeconfig context to use.")
    String context;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify the API server's certificate (test clusters only).")
    boolean insecure;

    @Option(names = "--docker-host", description = "Docker daemon for the docker target (default: DOCKER_HOST, then mlship's daemon).")
    String dockerHost;

    @Option(names = "--require-docker-host", description = {"Fail when the docker target has no --docker-host instead of falling back to DOCKER_HOST and the local sockets.",
            "The Jenkins steps set it, so a pipeline never reaches the agent's own daemon unasked."})
    boolean requireDockerHost;

    @Option(names = "--lock-timeout", description = "Seconds to wait for another deploy of the same object (default: deploy.rollout.lockTimeoutSeconds, else 900).")
    Long lockTimeoutSeconds;

    @Option(names = "--log-dir", description = "Where evidence and the report go (default: .mlship/logs/<command>-<time>).")
    Path logDir;

    @Option(names = "--noise", description = "Regex of log lines to store but not show (added to the built-in probe and keep-alive rules); repeatable.")
    List<String> noise = new ArrayList<>();

    @Option(names = "--mask-env", description = MaskedVariables.DESCRIPTION)
    List<String> maskEnv = new ArrayList<>();

    @Option(names = "--lock-holder", description = "Who holds the deploy lock, as a waiting deploy reports it (default: cli <user>@<host>).")
    String lockHolder;

    /** These options in core's settings; the command adds its own (image, rollout time-outs). */
    DeployTargetSettings settings(String command) {
        Path logs = logDir != null ? logDir : RunFolders.timestamped(Path.of(".mlship", "logs"), command);
        return new DeployTargetSettings(project, logs).target(target, "--target").namespace(namespace).name(name)
                .server(server).context(context).insecureSkipTlsVerify(insecure).dockerHost(dockerHost)
                .lockTimeoutSeconds(lockTimeoutSeconds)
                .holder(lockHolder != null ? lockHolder : "cli " + DeployRequest.defaultHolder())
                .logs(CaptureSettings.defaults().withNoise(noise).withSecrets(MaskedVariables.values(maskEnv, System.getenv())));
    }

    /**
     * The request, unless {@code --require-docker-host} forbids where its Docker daemon came from: the target is
     * known only once the spec is read, so the check follows the settings.
     */
    DeployRequest checked(DeployRequest request) {
        if (request.spec().target() == DeployTarget.DOCKER && dockerHost == null && requireDockerHost) {
            throw new MlshipException("the docker target needs a Docker daemon named with --docker-host here (--require-docker-host: "
                    + "no fallback to DOCKER_HOST or a local socket). In Jenkins: set dockerHost: on the step, bind $MLSHIP_DOCKER_HOST, "
                    + "or pass useAgentEnvironment: true");
        }
        return request;
    }
}
