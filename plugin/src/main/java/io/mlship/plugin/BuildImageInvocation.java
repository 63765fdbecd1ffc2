package io.mlship.plugin;

import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuildResult;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.image.ImageReference;
import io.mlship.core.log.PrintStreamLogSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The plain-Java half of {@code mlBuildImage}: from the step's fields, the workspace, the build's
 * directory and its environment to a core build. Holds no Jenkins type, so it is tested directly.
 */
final class BuildImageInvocation {

    private final Path workspace;
    private final Path buildDirectory;
    private final Map<String, String> environment;

    BuildImageInvocation(Path workspace, Path buildDirectory, Map<String, String> environment) {
        this.workspace = workspace;
        this.buildDirectory = buildDirectory;
        this.environment = environment;
    }

    ImageBuildResult build(BuildImageStep step, PrintStream log) throws InterruptedException {
        Path logDirectory = StepFolders.next(buildDirectory, "build");
        ImageBuildRequest request = new ImageBuildRequest(workspace.resolve(step.getContext()),
                step.getDockerfile() == null ? null : Path.of(step.getDockerfile()),
                new ImageReference(step.getImage()), Map.of(), false, logDirectory);
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(step.getDockerHost()), environment);
        log.println("[mlship] building " + step.getImage() + " on " + endpoint.host() + " (" + endpoint.chosenBecause() + ")");
        ImageBuildResult result = ImageBuildService.run(endpoint, request,
                logDirectory.resolve("build-report.json"), new PrintStreamLogSink(log));
        log.println("[mlship] image " + result.image() + " = " + result.imageId());
        log.println("[mlship] complete build log: " + result.logFile());
        return result;
    }
}
