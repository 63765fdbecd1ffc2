package io.mlship.cli;

import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.image.ImageBuildResult;
import io.mlship.core.image.ImageReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build a model image on a Docker daemon, streaming the complete log to the console and a file.")
final class BuildCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--context", required = true, description = "Build context: the model project directory.")
    private Path context;

    @Option(names = "--image", required = true, description = "Reference to tag, e.g. team/model:1.0.")
    private String image;

    @Option(names = "--dockerfile", description = "Dockerfile, relative to the context (default: Dockerfile).")
    private Path dockerfile;

    @Option(names = "--build-arg", description = "Build argument KEY=VALUE; repeatable.")
    private Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--no-cache", description = "Do not use the layer cache (rebuild every step).")
    private boolean noCache;

    @Option(names = "--log-dir", description = "Where the complete build log goes (default: .mlship/logs/build-<time>).")
    private Path logDir;

    @Option(names = "--report", description = "Write a JSON report of the build here (default: <log-dir>/build-report.json).")
    private Path report;

    @Option(names = "--docker-host", description = "Docker daemon, e.g. unix:///run/mlship/docker.sock (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Override
    public Integer call() throws InterruptedException {
        Path logs = logDir != null ? logDir : RunFolders.timestamped(Path.of(".mlship", "logs"), "build");
        Path reportFile = report != null ? report : logs.resolve("build-report.json");
        ImageBuildRequest request = new ImageBuildRequest(context, dockerfile, new ImageReference(image), buildArgs, noCache, logs);
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv());
        ImageBuildResult result = ImageBuildService.run(endpoint, request, reportFile, ConsoleSink.of(spec.commandLine().getOut()));
        spec.commandLine().getOut().println("image: " + result.image() + " (" + result.imageId() + ")");
        spec.commandLine().getOut().println("complete build log: " + result.logFile().toAbsolutePath());
        spec.commandLine().getOut().println("report: " + reportFile.toAbsolutePath());
        return 0;
    }
}
