package io.mlship.core.image;

import io.mlship.core.common.FileDigest;
import io.mlship.core.common.ImageReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A successful build: the tagged reference, the image id the daemon gave it, the complete log, and the
 * digests of the context files the request asked about (computed while the context was sent).
 */
public record ImageBuildResult(ImageReference image, String imageId, Path logFile, Duration duration,
                               Map<String, FileDigest> contextDigests) {
}
