package io.mlship.core.deploy;

import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.capture.CaptureSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One deploy (or rollback): what, where to keep its evidence, who deploys (named in the deploy lock,
 * so a waiting deploy can say whom it waits for) and how to reach the target.
 *
 * @param holder  who deploys, e.g. "jenkins iris-pipeline #42" or "cli alice@laptop"
 * @param cluster the API server, for the kubernetes and openshift targets
 * @param docker  the Docker daemon, for the docker target
 * @param logs    how the evidence is captured (noise rules, secrets to mask)
 */
public record DeployRequest(DeploySpec spec, Path logDirectory, String holder, ClusterConnection cluster,
                            DockerEndpoint docker, CaptureSettings logs) {

    public DeployRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(logDirectory, "logDirectory");
        holder = holder == null || holder.isBlank() ? defaultHolder() : holder;
        cluster = cluster == null ? ClusterConnection.fromKubeconfig() : cluster;
        logs = logs == null ? CaptureSettings.defaults() : logs;
    }

    /** With the default log capture (no extra noise rules, no extra secrets). */
    public DeployRequest(DeploySpec spec, Path logDirectory, String holder, ClusterConnection cluster, DockerEndpoint docker) {
        this(spec, logDirectory, holder, cluster, docker, CaptureSettings.defaults());
    }

    /** How the evidence is captured: the caller's noise rules and secrets, plus the API token, always masked. */
    public CaptureSettings evidenceSettings() {
        return logs.withSecrets(cluster.token().stream().toList());
    }

    public DeployRequest withSpec(DeploySpec other) {
        return new DeployRequest(other, logDirectory, holder, cluster, docker, logs);
    }

    public DeployRequest withLogDirectory(Path other) {
        return new DeployRequest(spec, other, holder, cluster, docker, logs);
    }

    public DeployRequest withLogs(CaptureSettings other) {
        return new DeployRequest(spec, logDirectory, holder, cluster, docker, other);
    }

    /** "user@host pid N": enough to find the process that holds a lock. */
    public static String defaultHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name") + "@" + host + " pid " + ProcessHandle.current().pid();
    }
}
