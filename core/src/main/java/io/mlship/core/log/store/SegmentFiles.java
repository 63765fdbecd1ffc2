package io.mlship.core.log.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file names of one source in a capture directory: {@code NAME.log} is the segment being written,
 * {@code NAME.K.log} a rotated one waiting for compression, {@code NAME.K.log.gz} (one gzip member per
 * index block, so a reader can seek) with {@code NAME.K.log.gz.blocks} its block table and filters.
 */
public record SegmentFiles(Path directory, String fileName) {

    public static String fileNameOf(String sourceName) {
        String cleaned = sourceName.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    public Path active() {
        return directory.resolve(fileName + ".log");
    }

    Path rotated(int segment) {
        return directory.resolve(fileName + "." + segment + ".log");
    }

    public Path compressed(int segment) {
        return directory.resolve(fileName + "." + segment + ".log.gz");
    }

    public Path blocks(int segment) {
        return directory.resolve(fileName + "." + segment + ".log.gz.blocks");
    }

    /** Block table (with trigram filters, no compression) of the last segment, written when the source is closed. */
    public Path activeBlocks() {
        return directory.resolve(fileName + ".log.blocks");
    }

    public Path index() {
        return directory.resolve(fileName + ".index.tsv");
    }

    /** Where segment K's text is now: compressed (with its block table), rotated, or still being written. */
    public Path locate(int segment) {
        if (Files.isRegularFile(compressed(segment)) && Files.isRegularFile(blocks(segment))) {
            return compressed(segment);
        }
        if (Files.isRegularFile(rotated(segment))) {
            return rotated(segment);
        }
        return active();
    }
}
