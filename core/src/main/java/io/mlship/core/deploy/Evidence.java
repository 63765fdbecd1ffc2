package io.mlship.core.deploy;

import io.mlship.core.log.FileLogSink;
import io.mlship.core.log.LogSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence of one deploy, one file per source (a container's log, its previous instance's log,
 * events, applied objects) in the deploy's log folder. Sources are opened on demand and kept complete.
 */
public final class Evidence implements AutoCloseable {

    private final Path directory;
    private final Map<String, FileLogSink> sources = new LinkedHashMap<>();

    public Evidence(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The sink of one source; the same name gives the same file. Names are made file-safe. */
    public synchronized LogSink source(String name) {
        String file = name.replaceAll("[^A-Za-z0-9._-]", "_") + (name.endsWith(".yaml") ? "" : ".log");
        return sources.computeIfAbsent(file, f -> new FileLogSink(directory.resolve(f)));
    }

    public synchronized List<Path> files() {
        List<Path> files = new ArrayList<>();
        sources.values().forEach(s -> files.add(s.file()));
        return files;
    }

    @Override
    public synchronized void close() {
        sources.values().forEach(FileLogSink::close);
    }
}
