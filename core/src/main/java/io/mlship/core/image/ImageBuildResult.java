package io.mlship.core.image;

import java.nio.file.Path;
import java.time.Duration;

/** A successful build: the tagged reference, the image id the daemon gave it, and the complete log. */
public record ImageBuildResult(ImageReference image, String imageId, Path logFile, Duration duration) {
}
