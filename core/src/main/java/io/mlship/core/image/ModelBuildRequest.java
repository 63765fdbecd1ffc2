package io.mlship.core.image;

import io.mlship.core.common.ImageReference;
import io.mlship.core.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model image build as users ask for it: the project folder (with its Dockerfile, or an
 * {@code mlship.yaml} to generate one from), the image to tag, build options, the pre-flight policy,
 * and optionally where to push the result.
 *
 * @param dockerfile      Dockerfile relative to the project; null: the project's {@code Dockerfile}, else generated
 * @param failOnUnpinned  unpinned requirements fail the pre-flight instead of only being flagged
 * @param pushTo          registry reference to push to (host[:port]/name:tag)
 */
public record ModelBuildRequest(Path project, Path dockerfile, ImageReference image, Map<String, String> buildArgs,
                                Optional<String> target, Map<String, String> labels, boolean noCache, boolean failOnUnpinned,
                                Optional<ImageReference> pushTo, Optional<RegistryCredentials> credentials, Path logDirectory) {

    public ModelBuildRequest {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(logDirectory, "logDirectory");
        project = project.toAbsolutePath().normalize();
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        target = target == null ? Optional.empty() : target;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        pushTo = pushTo == null ? Optional.empty() : pushTo;
        credentials = credentials == null ? Optional.empty() : credentials;
    }

    /** Build the project's image with every option at its default: no push, unpinned requirements only flagged. */
    public static ModelBuildRequest of(Path project, String image, Path logDirectory) {
        return new ModelBuildRequest(project, null, new ImageReference(image), Map.of(), Optional.empty(), Map.of(), false,
                false, Optional.empty(), Optional.empty(), logDirectory);
    }

    public ModelBuildRequest pushingTo(String reference, Optional<RegistryCredentials> with) {
        return new ModelBuildRequest(project, dockerfile, image, buildArgs, target, labels, noCache, failOnUnpinned,
                Optional.of(new ImageReference(reference)), with, logDirectory);
    }

    public ModelBuildRequest failingOnUnpinned() {
        return new ModelBuildRequest(project, dockerfile, image, buildArgs, target, labels, noCache, true, pushTo, credentials,
                logDirectory);
    }

    public ModelBuildRequest withoutCache() {
        return new ModelBuildRequest(project, dockerfile, image, buildArgs, target, labels, true, failOnUnpinned, pushTo, credentials,
                logDirectory);
    }
}
