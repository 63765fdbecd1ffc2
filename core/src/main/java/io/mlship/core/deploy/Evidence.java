package io.mlship.core.deploy;

import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.capture.SourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The evidence of one deploy, kept through the log capture: one complete, indexed, secret-masked
 * source per origin (a container's log, its previous instance's log, events, applied objects) in the
 * deploy's log folder ({@code <source>.log}, {@code sources.tsv}, {@code capture.json}). The console
 * gets each source's condensed view: errors, warnings and the last lines.
 */
public final class Evidence implements AutoCloseable {

    /** Deploy consoles stay short: the failure line already quotes the last log lines. */
    private static final int HEAD_LINES = 0;
    private static final int TAIL_LINES = 5;

    private final LogCapture capture;
    private final Map<String, LogSource> sources = new LinkedHashMap<>();

    /** @param settings noise rules and secrets (never written: API tokens, credentials) of the capture */
    public Evidence(Path directory, CaptureSettings settings, LogSink console) {
        this.capture = LogCapture.open(directory, settings.withView(HEAD_LINES, TAIL_LINES), console);
    }

    public Path directory() {
        return capture.directory();
    }

    /** The source of that name; the same name gives the same source (file {@code <name>.log}). */
    public synchronized LogSource source(String name, SourceKind kind) {
        return sources.computeIfAbsent(name, n -> capture.source(n, kind));
    }

    /**
     * The last lines of a source as stored, i.e. with secrets masked: failure messages and reports quote
     * these, never the raw stream. Empty when the source was not opened.
     */
    public List<String> lastLines(String name, int count) {
        LogSource source;
        synchronized (this) {
            source = sources.get(name);
        }
        if (source == null || !Files.exists(source.file())) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(source.file(), StandardCharsets.UTF_8)) {
            Deque<String> tail = new ArrayDeque<>();
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > count) {
                    tail.removeFirst();
                }
            });
            return List.copyOf(tail);
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + source.file() + ": " + e.getMessage() + ")");
        }
    }

    public synchronized List<Path> files() {
        List<Path> files = new ArrayList<>();
        sources.values().forEach(s -> files.add(s.file()));
        return files;
    }

    @Override
    public synchronized void close() {
        capture.close();
    }
}
