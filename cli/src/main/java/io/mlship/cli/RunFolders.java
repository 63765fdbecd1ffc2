package io.mlship.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Names the folder of one run (logs, reports) after its start time, so runs never overwrite each other. */
final class RunFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private RunFolders() {
    }

    static Path timestamped(Path parent, String kind) {
        return parent.resolve(kind + "-" + LocalDateTime.now().format(STAMP));
    }
}
