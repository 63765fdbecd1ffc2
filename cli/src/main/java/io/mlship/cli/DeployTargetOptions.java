package io.mlship.cli;

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

    @Option(names = "--lock-timeout", description = "Seconds to wait for another deploy of the same object (default: deploy.rollout.lockTimeoutSeconds, else 900).")
    Long lockTimeoutSeconds;

    @Option(names = "--log-dir", description = "Where evidence and the report go (default: .mlship/logs/<command>-<time>).")
    Path logDir;

    @Option(names = "--noise", description = "Regex of log lines to store but not show (added to the built-in probe and keep-alive rules); repeatable.")
    List<String> noise = new ArrayList<>();

    /** These options in core's settings; the command adds its own (image, rollout time-outs). */
    DeployTargetSettings settings(String command) {
        Path logs = logDir != null ? logDir : RunFolders.timestamped(Path.of(".mlship", "logs"), command);
        return new DeployTargetSettings(project, logs).target(target, "--target").namespace(namespace).name(name)
                .server(server).context(context).insecureSkipTlsVerify(insecure).dockerHost(dockerHost)
                .lockTimeoutSeconds(lockTimeoutSeconds).holder("cli " + DeployRequest.defaultHolder())
                .logs(CaptureSettings.defaults().withNoise(noise));
    }
}
