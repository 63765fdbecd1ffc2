package io.mlship.core.log.search;

import io.mlship.core.MlshipException;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.log.store.BlockRow;
import io.mlship.core.log.store.SegmentFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A source as a capture directory holds it, for reading: its name, kind, files and index rows. */
record CapturedSource(String name, String kind, SegmentFiles files) {

    /** The sources listed in {@code sources.tsv}, in the order they were opened. */
    static List<CapturedSource> list(Path directory) {
        Path list = directory.resolve(LogCapture.SOURCES_FILE);
        if (!Files.isRegularFile(list)) {
            throw new MlshipException(directory + " is not an mlship log directory (it has no " + LogCapture.SOURCES_FILE
                    + "); give the directory a capture wrote, e.g. the --out of `mlship logs capture` or a step's log folder");
        }
        try {
            List<CapturedSource> sources = new ArrayList<>();
            for (String row : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                String[] f = row.split("\t");
                if (f.length >= 3 && !row.startsWith("name\t")) {
                    sources.add(new CapturedSource(f[0], f[1], new SegmentFiles(directory, f[2])));
                }
            }
            return sources;
        } catch (IOException e) {
            throw new MlshipException("cannot read " + list + ": " + e, e);
        }
    }

    List<BlockRow> rows() {
        try {
            List<BlockRow> rows = new ArrayList<>();
            if (Files.isRegularFile(files.index())) {
                for (String row : Files.readAllLines(files.index(), StandardCharsets.UTF_8)) {
                    if (!row.isEmpty() && !row.startsWith("segment\t")) {
                        rows.add(BlockRow.fromTsv(row));
                    }
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new MlshipException("the index " + files.index() + " is unreadable: " + e
                    + "; the log files themselves are intact and can be read with zcat/grep", e);
        }
    }
}
