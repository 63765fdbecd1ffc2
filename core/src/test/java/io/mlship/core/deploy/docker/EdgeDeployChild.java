package io.mlship.core.deploy.docker;

import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeployImage;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.deploy.spec.HttpProbe;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.deploy.spec.RolloutPolicy;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.common.MemorySize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deploy in its own process, as `mlship deploy` runs one, so that a test can SIGKILL it mid-way:
 * {@code EdgeDeployChild <name> <image> <log dir> <READY_DELAY_SECONDS>}. Console lines go to stdout.
 */
public final class EdgeDeployChild {

    private EdgeDeployChild() {
    }

    public static void main(String[] args) throws Exception {
        DeploySpec spec = new DeploySpec(args[0], "default", new DeployImage(args[1]), 1, 8080, DeployTarget.DOCKER,
                new Resources(Optional.empty(), Optional.of(MemorySize.parse("128m")), Optional.empty(), Optional.empty()),
                Map.of("READY_DELAY_SECONDS", args[3]), List.of(), HttpProbe.readinessDefault(), Optional.empty(),
                RolloutPolicy.defaults().withReadinessWindow(Duration.ofSeconds(60)).withLockTimeout(Duration.ofSeconds(20)),
                List.of(), new DockerHostOptions("127.0.0.1", Optional.empty(), 2), null);
        DeployRequest request = new DeployRequest(spec, Path.of(args[2]), "child pid " + ProcessHandle.current().pid(),
                ClusterConnection.fromKubeconfig(), DockerEndpoint.fromEnvironment());
        System.out.println("outcome " + DeployService.deploy(request, line -> {
            System.out.println(line);
            System.out.flush();
        }).outcome());
    }
}
