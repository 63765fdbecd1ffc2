package io.mlship.core.log.capture;

import java.nio.file.Path;

/**
 * What was captured of one source: every line is in {@code file} (and, when it grew past the
 * rotation size, in {@code segments - 1} compressed segments before it).
 */
public record SourceSummary(String name, SourceKind kind, Path file, long lines, long bytes, int segments,
                            long noiseLines, long maskedLines, long errors, long warnings) {
}
