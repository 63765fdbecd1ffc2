package io.mlship.cli;

import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.image.ImageBuildResult;
import io.mlship.core.image.ImageReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main job on the embedded default target (local Docker): build the example model image and
 * say where the image and its complete build log are. Later stages (verify, deploy) join here.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job on the example model project against local Docker.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_IMAGE = "mlship-demo/iris-model:latest";

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", description = "Model project to use (default: examples/iris-model of this checkout).")
    private Path project;

    @Option(names = "--work-dir", description = "Where logs and reports go (default: .mlship/demo of this checkout).")
    private Path workDir;

    @Option(names = "--docker-host", description = "Docker daemon (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path home = MlshipHome.path();
        Path model = project != null ? project : home.resolve("examples/iris-model");
        Path run = (workDir != null ? workDir : home.resolve(".mlship/demo"))
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv());
        out.println("== mlship demo: build the example model image on local Docker");
        out.println("   project " + model + ", daemon " + endpoint.host() + " (" + endpoint.chosenBecause() + ")");
        ImageBuildRequest request = new ImageBuildRequest(model, null, new ImageReference(DEMO_IMAGE), Map.of(), false, run.resolve("build"));
        Path report = run.resolve("build/build-report.json");
        ImageBuildResult result = ImageBuildService.run(endpoint, request, report, ConsoleSink.of(out));
        out.println("== mlship demo: done");
        out.println("   image:              " + result.image() + " (" + result.imageId() + ")");
        out.println("   complete build log: " + result.logFile());
        out.println("   build report:       " + report);
        out.println("   try it:             docker -H " + endpoint.host() + " run --rm -p 8080:8080 " + result.image());
        return 0;
    }
}
