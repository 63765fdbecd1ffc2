package io.mlship.plugin;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.diagnose.DiagnoseRequest;
import io.mlship.core.diagnose.DiagnoseService;
import io.mlship.core.diagnose.DiagnoseTarget;
import io.mlship.core.diagnose.Diagnosis;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Turns {@link DiagnoseStep}'s fields into a core request and runs it; the report goes into the step's build folder. */
final class DiagnoseInvocation {

    private DiagnoseInvocation() {
    }

    static Diagnosis run(DiagnoseStep step, Path folder, Map<String, String> environment, LogSink log) throws IOException {
        DiagnoseTarget target = step.getTarget() == null ? DiagnoseTarget.DOCKER : DiagnoseTarget.parse(step.getTarget(), "mlDiagnose target");
        DiagnoseRequest request = DiagnoseRequest.builder().target(target).name(step.getName()).namespace(step.getNamespace())
                .prometheus(step.getPrometheus() == null ? null : url(step.getPrometheus()))
                .window(step.getWindow() == null ? DiagnoseRequest.DEFAULT_WINDOW : DiagnoseRequest.parseDuration(step.getWindow(), "mlDiagnose window"))
                .duration(step.getDuration() == null ? DiagnoseRequest.DEFAULT_DURATION
                        : DiagnoseRequest.parseDuration(step.getDuration(), "mlDiagnose duration"))
                .report(folder.resolve(Diagnosis.REPORT_NAME)).build();
        if (target.cluster()) {
            ClusterConnection connection = new ClusterConnection(Optional.ofNullable(step.getServer()),
                    Optional.ofNullable(environment.get(io.mlship.core.deploy.DeployTargetSettings.TOKEN_VARIABLE)), Optional.ofNullable(step.getKubeContext()), false);
            try (KubernetesClient client = connection.open()) {
                return DiagnoseService.onCluster(client).run(request, log);
            }
        }
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.resolve(Optional.ofNullable(step.getDockerHost()), environment))) {
            return DiagnoseService.onDocker(docker).run(request, log);
        }
    }

    private static URI url(String text) {
        try {
            URI uri = URI.create(text.strip());
            if (uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new MlshipException("mlDiagnose prometheus `" + text + "` is not an http(s) URL; write it like http://prometheus:9090");
    }
}
