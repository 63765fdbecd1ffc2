package io.mlship.core.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.mlship.core.MlshipException;
import io.mlship.core.log.FileLogSink;
import io.mlship.core.log.LogSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Builds an image on a Docker daemon and streams the complete builder output, line by line, to the
 * caller's console and to {@code build.log} in the request's log directory. The file is written as
 * the build runs, so it holds everything even when the build fails or the process dies.
 */
public final class ImageBuilder {

    public static final String LOG_FILE_NAME = "build.log";

    private final DockerClient docker;

    public ImageBuilder(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * @throws ImageBuildFailedException naming the failing instruction when the daemon fails the build
     * @throws MlshipException for unusable input, before anything is sent to the daemon
     */
    public ImageBuildResult build(ImageBuildRequest request, LogSink console) throws InterruptedException {
        request.validate();
        request.generatedDockerfile().ifPresent(text -> writeGenerated(request.dockerfile(), text));
        DockerfileInstructions instructions = readInstructions(request.dockerfile());
        Instant started = Instant.now();
        Path logFile = request.logDirectory().resolve(LOG_FILE_NAME);
        try (FileLogSink file = new FileLogSink(logFile)) {
            LogSink out = file.and(console);
            out.line("mlship build: image " + request.image() + ", context " + request.context()
                    + ", Dockerfile " + request.dockerfile());
            BuildProgress progress = new BuildProgress(out);
            runBuild(request, progress);
            if (progress.error() != null) {
                throw new ImageBuildFailedException(request.dockerfile(),
                        instructions.step(progress.currentStep()).orElse(null),
                        progress.currentStepOutput(), progress.error(), logFile);
            }
            String imageId = docker.inspectImageCmd(request.image().value()).exec().getId();
            Duration took = Duration.between(started, Instant.now());
            out.line("mlship build: built " + request.image() + " as " + imageId + " in " + took.toMillis() + " ms");
            return new ImageBuildResult(request.image(), imageId, logFile, took);
        }
    }

    private void runBuild(ImageBuildRequest request, BuildProgress progress) throws InterruptedException {
        Path contextTar = null;
        BuildImageCmd cmd;
        if (request.generatedDockerfile().isPresent()) {
            // Docker reads the Dockerfile from the context archive, so the generated one is packed into it.
            contextTar = request.logDirectory().resolve("context.tar");
            BuildContextArchive.write(request.context(), request.generatedDockerfile().get(), contextTar);
            cmd = docker.buildImageCmd(openArchive(contextTar)).withDockerfilePath(BuildContextArchive.GENERATED_DOCKERFILE);
        } else {
            cmd = docker.buildImageCmd()
                    .withBaseDirectory(request.context().toFile())
                    .withDockerfile(request.dockerfile().toFile());
        }
        cmd.withTags(Set.of(request.image().value()))
                .withPull(false)
                .withNoCache(request.noCache())
                // Remove intermediate containers even when a step fails: nothing left behind.
                .withForcerm(true);
        request.target().ifPresent(cmd::withTarget);
        if (!request.labels().isEmpty()) {
            cmd.withLabels(request.labels());
        }
        request.buildArgs().forEach(cmd::withBuildArg);
        try {
            stream(cmd, progress);
        } finally {
            if (contextTar != null) {
                deleteQuietly(contextTar);
            }
        }
    }

    private void stream(BuildImageCmd cmd, BuildProgress progress) throws InterruptedException {
        ResultCallback.Adapter<BuildResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(BuildResponseItem item) {
                progress.accept(item);
            }
        };
        try {
            cmd.exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            closeStream(callback);
            throw e;
        } catch (RuntimeException e) {
            progress.transportFailed(e);
        } finally {
            progress.finish();
        }
    }

    private static void closeStream(ResultCallback.Adapter<BuildResponseItem> callback) {
        try {
            callback.close();
        } catch (IOException ignored) {
            // The build is being abandoned; the interruption is what the caller must see.
        }
    }

    private static java.io.InputStream openArchive(Path tar) {
        try {
            return java.nio.file.Files.newInputStream(tar);
        } catch (IOException e) {
            throw new MlshipException("cannot read the packed build context " + tar + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary archive in the log folder is harmless
        }
    }

    private static void writeGenerated(Path file, String text) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, text);
        } catch (IOException e) {
            throw new MlshipException("cannot write the generated Dockerfile " + file + ": " + e.getMessage(), e);
        }
    }

    private static DockerfileInstructions readInstructions(Path dockerfile) {
        try {
            return DockerfileInstructions.read(dockerfile);
        } catch (IOException e) {
            throw new MlshipException("cannot read Dockerfile " + dockerfile + ": " + e.getMessage(), e);
        }
    }
}
