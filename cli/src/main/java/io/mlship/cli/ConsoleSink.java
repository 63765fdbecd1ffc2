package io.mlship.cli;

import io.mlship.core.log.LogSink;
import java.io.PrintWriter;

/** The CLI's console: each line flushed at once so a long build is seen live. */
final class ConsoleSink {

    private ConsoleSink() {
    }

    static LogSink of(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }
}
