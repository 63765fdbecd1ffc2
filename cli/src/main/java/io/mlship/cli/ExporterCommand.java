package io.mlship.cli;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.MlshipException;
import io.mlship.core.diagnose.DockerStatsExporter;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "exporter", mixinStandardHelpOptions = true,
        description = {"Serve the Docker host's container stats to Prometheus under cAdvisor's metric names.",
                "The label name is the container name, so `mlship diagnose --prometheus` reads the same history as on Kubernetes.",
                "Runs until stopped."})
final class ExporterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9338", description = "Address to serve /metrics on (default: ${DEFAULT-VALUE}).")
    private String listen;

    @Option(names = "--register", description = "Folder of Prometheus file_sd target files to add this exporter to"
            + " (scripts/services' Prometheus reads /var/lib/mlship/prometheus/targets); the file is removed on exit.")
    private Path register;

    @Option(names = "--docker-host", description = "Docker daemon (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Override
    public Integer call() throws Exception {
        DockerClient docker = DockerConnector.connect(DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv()));
        DockerStatsExporter exporter = DockerStatsExporter.start(docker, DockerStatsExporter.parseListen(listen),
                ConsoleSink.of(spec.commandLine().getOut()));
        Path target = register == null ? null : register.resolve("mlship-exporter-" + exporter.address().getPort() + ".json");
        if (target != null) {
            try {
                Files.createDirectories(register);
                Files.writeString(target, "[{\"targets\": [\"" + exporter.address().getHostString() + ":"
                        + exporter.address().getPort() + "\"], \"labels\": {\"job\": \"mlship-exporter\"}}]\n");
            } catch (IOException e) {
                exporter.close();
                throw new MlshipException("cannot write the scrape target " + target + ": " + e.getMessage()
                        + "; check that the folder is writable", e);
            }
            spec.commandLine().getOut().println("exporter: registered with Prometheus in " + target);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exporter.close();
            if (target != null) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // Prometheus marks a target it cannot scrape as down; nothing else depends on the file
                }
            }
            stopped.countDown();
        }, "mlship-exporter-stop"));
        stopped.await();
        return 0;
    }
}
