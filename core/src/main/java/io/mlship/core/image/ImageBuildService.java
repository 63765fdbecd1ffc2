package io.mlship.core.image;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The image-build capability as every front end (CLI, Jenkins step) runs it: connect to the daemon,
 * build while streaming the output, and write the JSON report whether the build passed or failed.
 */
public final class ImageBuildService {

    private ImageBuildService() {
    }

    public static ImageBuildResult run(DockerEndpoint endpoint, ImageBuildRequest request, Path report, LogSink console)
            throws InterruptedException {
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            ImageBuildResult result;
            try {
                result = new ImageBuilder(docker).build(request, console);
            } catch (ImageBuildFailedException failure) {
                BuildReport.write(BuildReport.failure(request, failure), report);
                throw failure;
            }
            BuildReport.write(BuildReport.success(request, result), report);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

}
