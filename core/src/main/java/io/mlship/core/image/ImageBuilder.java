package io.mlship.core.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.mlship.core.MlshipException;
import io.mlship.core.common.DockerfileInstructions;
import io.mlship.core.common.FileDigest;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.capture.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds an image on a Docker daemon and captures the complete builder output as the log source
 * {@code build} ({@code build.log}, indexed, secrets masked) in the request's log directory, with the
 * condensed view (steps, errors, warnings, tail) on the caller's console. The file is written as the
 * build runs, so it holds everything even when the build fails or the process dies.
 *
 * <p>The context goes to the daemon as an uncompressed tar streamed straight from the files (no temp
 * archive, no gzip), with the Dockerfile carrying all labels in one {@code LABEL} instruction: so a
 * build costs what {@code docker build} of the same context costs.
 */
public final class ImageBuilder {

    public static final String LOG_SOURCE = "build";
    public static final String LOG_FILE_NAME = LOG_SOURCE + ".log";
    public static final String GENERATED_DOCKERFILE = "Dockerfile.generated";
    /** Pieces of {@link ContextPipe#PIECE} bytes packed ahead of the upload: 4 MiB. */
    private static final int PIPE_PIECES = 4;

    private final DockerClient docker;

    public ImageBuilder(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * @throws ImageBuildFailedException naming the failing instruction when the daemon fails the build
     * @throws MlshipException for unusable input, before anything is sent to the daemon
     */
    public ImageBuildResult build(ImageBuildRequest request, LogSink console) throws InterruptedException {
        return build(request, CaptureSettings.defaults(), console);
    }

    /** @param logs how the build log is captured: the secrets to mask (registry passwords, tokens), noise rules */
    public ImageBuildResult build(ImageBuildRequest request, CaptureSettings logs, LogSink console) throws InterruptedException {
        request.validate();
        List<String> dockerfileLines = dockerfileLines(request);
        DockerfileInstructions instructions = DockerfileInstructions.parse(dockerfileLines);
        Instant started = Instant.now();
        Path logFile = request.logDirectory().resolve(LOG_FILE_NAME);
        try (LogCapture capture = LogCapture.open(request.logDirectory(), logs, console)) {
            LogSource out = capture.source(LOG_SOURCE, SourceKind.BUILD);
            out.line("mlship build: image " + request.image() + ", context " + request.context()
                    + ", Dockerfile " + request.dockerfile());
            BuildProgress progress = new BuildProgress(out);
            Map<String, FileDigest> digests = runBuild(request, dockerfileLines, instructions, progress, console);
            if (progress.error() != null) {
                throw new ImageBuildFailedException(request.dockerfile(),
                        instructions.step(progress.currentStep()).orElse(null),
                        progress.currentStepOutput(), progress.error(), logFile);
            }
            String imageId = docker.inspectImageCmd(request.image().value()).exec().getId();
            Duration took = Duration.between(started, Instant.now());
            out.line("mlship build: built " + request.image() + " as " + imageId + " in " + took.toMillis() + " ms");
            return new ImageBuildResult(request.image(), imageId, logFile, took, digests);
        }
    }

    private Map<String, FileDigest> runBuild(ImageBuildRequest request, List<String> dockerfileLines,
                                             DockerfileInstructions instructions, BuildProgress progress, LogSink console)
            throws InterruptedException {
        ContextPipe pipe = new ContextPipe(PIPE_PIECES);
        InputStream body = pipe.source();
        AtomicReference<Map<String, FileDigest>> digests = new AtomicReference<>(Map.of());
        AtomicReference<RuntimeException> packingFailure = new AtomicReference<>();
        Thread packer = new Thread(() -> {
            try {
                digests.set(BuildContextArchive.stream(request.context(), request.contextLabels().filesToDigest(),
                        fileDigests -> LabelInstruction.addTo(dockerfileLines, instructions, request.target().orElse(null),
                                labels(request, fileDigests)), new ContextProgress(pipe.sink(), console)));
                pipe.sink().close();
            } catch (RuntimeException | IOException e) {
                packingFailure.set(e instanceof RuntimeException r ? r : new MlshipException(e.getMessage(), e));
                // The upload fails rather than ends: the daemon must not build from part of the context.
                pipe.fail(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
        }, "mlship-build-context");
        packer.setDaemon(true);
        packer.start();
        BuildImageCmd cmd = docker.buildImageCmd(body)
                .withDockerfilePath(BuildContextArchive.DOCKERFILE)
                .withTags(Set.of(request.image().value()))
                .withPull(false)
                .withNoCache(request.noCache())
                // Remove intermediate containers even when a step fails: nothing left behind.
                .withForcerm(true);
        request.target().ifPresent(cmd::withTarget);
        request.buildArgs().forEach(cmd::withBuildArg);
        try {
            stream(cmd, progress);
        } finally {
            closeQuietly(body); // a daemon that stopped reading must not leave the packer blocked
            packer.join(10_000);
        }
        if (packingFailure.get() != null && (progress.error() == null || !pipe.abandonedByReader())) {
            throw packingFailure.get();
        }
        return digests.get();
    }

    private static Map<String, String> labels(ImageBuildRequest request, Map<String, FileDigest> digests) {
        Map<String, String> labels = new TreeMap<>(request.contextLabels().labels().apply(digests));
        labels.putAll(request.labels());
        return labels;
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
            closeQuietly(callback);
            throw e;
        } catch (RuntimeException e) {
            progress.transportFailed(e);
        } finally {
            progress.finish();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // being abandoned; the caller's outcome is what matters
        }
    }

    /** The Dockerfile to build: the generated text (also kept in the log folder), or the project's file. */
    private static List<String> dockerfileLines(ImageBuildRequest request) {
        try {
            if (request.generatedDockerfile().isPresent()) {
                Files.createDirectories(request.dockerfile().getParent());
                Files.writeString(request.dockerfile(), request.generatedDockerfile().get());
                return request.generatedDockerfile().get().lines().toList();
            }
            return Files.readAllLines(request.dockerfile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MlshipException("cannot read or write the Dockerfile " + request.dockerfile() + ": " + e.getMessage(), e);
        }
    }
}
