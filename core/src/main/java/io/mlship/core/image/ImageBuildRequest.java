package io.mlship.core.image;

import io.mlship.core.MlshipException;
import io.mlship.core.common.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon should build: a context directory and either the Dockerfile inside it (default
 * {@code Dockerfile}) or a generated Dockerfile's text; the reference to tag; build arguments, target
 * stage and labels; whether to ignore the layer cache; and the directory that keeps the complete log.
 */
public record ImageBuildRequest(Path context, Path dockerfile, Optional<String> generatedDockerfile, ImageReference image,
                                Map<String, String> buildArgs, Optional<String> target, Map<String, String> labels,
                                ContextLabels contextLabels, boolean noCache, Path logDirectory) {

    public ImageBuildRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(logDirectory, "logDirectory");
        context = context.toAbsolutePath().normalize();
        generatedDockerfile = generatedDockerfile == null ? Optional.empty() : generatedDockerfile;
        dockerfile = generatedDockerfile.isPresent() ? logDirectory.toAbsolutePath().resolve("Dockerfile.generated")
                : dockerfile == null ? context.resolve("Dockerfile") : context.resolve(dockerfile).toAbsolutePath().normalize();
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        target = target == null ? Optional.empty() : target.filter(t -> !t.isBlank());
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        contextLabels = contextLabels == null ? ContextLabels.NONE : contextLabels;
    }

    public static ImageBuildRequest of(Path context, String image, Path logDirectory) {
        return new ImageBuildRequest(context, null, Optional.empty(), new ImageReference(image), Map.of(), Optional.empty(),
                Map.of(), ContextLabels.NONE, false, logDirectory);
    }

    public ImageBuildRequest withDockerfile(Path path) {
        return new ImageBuildRequest(context, path, Optional.empty(), image, buildArgs, target, labels, contextLabels, noCache, logDirectory);
    }

    /** Build with this Dockerfile text instead of a file of the context; it is kept as Dockerfile.generated in the log folder. */
    public ImageBuildRequest withGeneratedDockerfile(String text) {
        return new ImageBuildRequest(context, null, Optional.of(text), image, buildArgs, target, labels, contextLabels, noCache, logDirectory);
    }

    public ImageBuildRequest withBuildArgs(Map<String, String> args) {
        return new ImageBuildRequest(context, dockerfile, generatedDockerfile, image, args, target, labels, contextLabels, noCache, logDirectory);
    }

    public ImageBuildRequest withTarget(String stage) {
        return new ImageBuildRequest(context, dockerfile, generatedDockerfile, image, buildArgs, Optional.ofNullable(stage), labels,
                contextLabels, noCache, logDirectory);
    }

    public ImageBuildRequest withLabels(Map<String, String> imageLabels) {
        return new ImageBuildRequest(context, dockerfile, generatedDockerfile, image, buildArgs, target, imageLabels, contextLabels,
                noCache, logDirectory);
    }

    /** Labels made from digests of context files, computed while the context is sent. */
    public ImageBuildRequest withContextLabels(ContextLabels fromContext) {
        return new ImageBuildRequest(context, dockerfile, generatedDockerfile, image, buildArgs, target, labels, fromContext,
                noCache, logDirectory);
    }

    public ImageBuildRequest withoutCache() {
        return new ImageBuildRequest(context, dockerfile, generatedDockerfile, image, buildArgs, target, labels, contextLabels, true, logDirectory);
    }

    public ImageBuildRequest withCache(boolean useCache) {
        return new ImageBuildRequest(context, dockerfile, generatedDockerfile, image, buildArgs, target, labels, contextLabels,
                !useCache, logDirectory);
    }

    /** Fails with an actionable message when the inputs cannot be built; touches nothing. */
    void validate() {
        if (!Files.isDirectory(context)) {
            throw new MlshipException("build context " + context + " is not a directory; "
                    + "pass the model project folder (the one holding the Dockerfile) as --context");
        }
        if (generatedDockerfile.isPresent()) {
            return;
        }
        if (!Files.isRegularFile(dockerfile)) {
            throw new MlshipException("Dockerfile " + dockerfile + " does not exist; create it, pass "
                    + "--dockerfile with a path relative to the context " + context + ", or describe the image in "
                    + "mlship.yaml (image.base, image.entrypoint) to have one generated");
        }
        if (!dockerfile.startsWith(context)) {
            throw new MlshipException("Dockerfile " + dockerfile + " lies outside the build context " + context
                    + "; Docker only reads a Dockerfile inside its context, so move it there");
        }
    }
}
