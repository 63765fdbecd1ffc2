package io.mlship.core.image;

import io.mlship.core.MlshipException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to build: a context directory, the Dockerfile inside it (default {@code Dockerfile}),
 * the reference to tag, build arguments, whether to ignore the layer cache, and the directory that
 * keeps the complete build log.
 */
public record ImageBuildRequest(Path context, Path dockerfile, ImageReference image,
                                Map<String, String> buildArgs, boolean noCache, Path logDirectory) {

    public ImageBuildRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(logDirectory, "logDirectory");
        context = context.toAbsolutePath().normalize();
        dockerfile = dockerfile == null ? context.resolve("Dockerfile")
                : context.resolve(dockerfile).toAbsolutePath().normalize();
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    }

    public static ImageBuildRequest of(Path context, String image, Path logDirectory) {
        return new ImageBuildRequest(context, null, new ImageReference(image), Map.of(), false, logDirectory);
    }

    public ImageBuildRequest withDockerfile(Path path) {
        return new ImageBuildRequest(context, path, image, buildArgs, noCache, logDirectory);
    }

    public ImageBuildRequest withBuildArgs(Map<String, String> args) {
        return new ImageBuildRequest(context, dockerfile, image, args, noCache, logDirectory);
    }

    public ImageBuildRequest withoutCache() {
        return new ImageBuildRequest(context, dockerfile, image, buildArgs, true, logDirectory);
    }

    /** Fails with an actionable message when the inputs cannot be built; touches nothing. */
    void validate() {
        if (!Files.isDirectory(context)) {
            throw new MlshipException("build context " + context + " is not a directory; "
                    + "pass the model project folder (the one holding the Dockerfile) as --context");
        }
        if (!Files.isRegularFile(dockerfile)) {
            throw new MlshipException("Dockerfile " + dockerfile + " does not exist; create it, or pass "
                    + "--dockerfile with a path relative to the context " + context);
        }
        if (!dockerfile.startsWith(context)) {
            throw new MlshipException("Dockerfile " + dockerfile + " lies outside the build context " + context
                    + "; Docker only reads a Dockerfile inside its context, so move it there");
        }
    }
}
