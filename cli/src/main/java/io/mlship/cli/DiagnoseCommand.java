package io.mlship.cli;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.deploy.DeployTargetSettings;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.diagnose.DiagnoseRequest;
import io.mlship.core.diagnose.DiagnoseService;
import io.mlship.core.diagnose.DiagnoseTarget;
import io.mlship.core.diagnose.Diagnosis;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.common.MemorySize;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Say why a model was OOM-killed, evicted, SIGKILLed or throttled, from the runtime's evidence.",
                "Recommends requests and limits (KRR's simple rules) with the rule written out, and writes diagnosis.json."})
final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--target", defaultValue = "docker", description = "docker, kubernetes or openshift (default: ${DEFAULT-VALUE}).")
    private String target;

    @Option(names = "--name", required = true, description = "Container name (docker), or pod or Deployment name (kubernetes, openshift).")
    private String name;

    @Option(names = "--namespace", defaultValue = "default", description = "Namespace (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(names = "--prometheus", description = "Prometheus base URL for the history, e.g. http://127.0.0.1:9090 (default: none; mlship samples the stats itself).")
    private String prometheus;

    @Option(names = "--window", defaultValue = "14d", description = "History window (default: ${DEFAULT-VALUE}).")
    private String window;

    @Option(names = "--step", defaultValue = "30s", description = "Resolution of the history queries (default: ${DEFAULT-VALUE}).")
    private String step;

    @Option(names = "--duration", defaultValue = "30s", description = "Without --prometheus: how long to sample the container's stats (default: ${DEFAULT-VALUE}).")
    private String duration;

    @Option(names = "--verify-peak", description = "Memory peak measured by `mlship verify` (e.g. 187Mi), folded into the memory advice.")
    private String verifyPeak;

    @Option(names = "--report", description = "Where diagnosis.json goes (default: .mlship/logs/diagnose-<time>/diagnosis.json).")
    private Path report;

    @Option(names = "--docker-host", description = "Docker daemon (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Option(names = "--server", description = "API server URL (default: the kubeconfig); the token is read from $" + DeployTargetSettings.TOKEN_VARIABLE + ".")
    private String server;

    @Option(names = "--context", description = "kubeconfig context to use.")
    private String context;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify the API server's certificate (test clusters only).")
    private boolean insecure;

    @Override
    public Integer call() throws IOException {
        DiagnoseTarget where = DiagnoseTarget.parse(target, "--target");
        Path reportFile = report != null ? report
                : RunFolders.timestamped(Path.of(".mlship", "logs"), "diagnose").resolve(Diagnosis.REPORT_NAME);
        DiagnoseRequest request = DiagnoseRequest.builder().target(where).name(name).namespace(namespace)
                .prometheus(prometheus == null ? null : prometheusUrl(prometheus))
                .window(DiagnoseRequest.parseDuration(window, "--window"))
                .step(DiagnoseRequest.parseDuration(step, "--step"))
                .duration(DiagnoseRequest.parseDuration(duration, "--duration"))
                .verifyPeak(verifyPeak == null ? null : MemorySize.parse(verifyPeak))
                .report(reportFile).build();
        try {
            diagnose(where, request);
        } finally {
            ReportPage.beside(reportFile, "diagnosis", "diagnosis of " + name, spec.commandLine().getOut());
        }
        return 0;
    }

    private void diagnose(DiagnoseTarget where, DiagnoseRequest request) throws IOException {
        if (where.cluster()) {
            ClusterConnection connection = new ClusterConnection(Optional.ofNullable(server),
                    Optional.ofNullable(System.getenv(DeployTargetSettings.TOKEN_VARIABLE)), Optional.ofNullable(context), insecure);
            try (KubernetesClient client = connection.open()) {
                DiagnoseService.onCluster(client).run(request, ConsoleSink.of(spec.commandLine().getOut()));
            }
        } else {
            try (DockerClient docker = DockerConnector.connect(DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv()))) {
                DiagnoseService.onDocker(docker).run(request, ConsoleSink.of(spec.commandLine().getOut()));
            }
        }
    }

    static URI prometheusUrl(String text) {
        try {
            URI uri = URI.create(text.strip());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new MlshipException("--prometheus `" + text + "` is not an http(s) URL; write it like http://127.0.0.1:9090");
        }
    }
}
