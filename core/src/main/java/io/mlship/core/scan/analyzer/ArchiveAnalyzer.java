package io.mlship.core.scan.analyzer;

import java.io.InputStream;

/** An analyzer that reads a possibly large file as a stream, once, without holding it in memory (Java archives). */
public interface ArchiveAnalyzer {

    boolean wants(String path);

    /** Reads {@code content} (the file's bytes, closed by the caller); must not read past the file. */
    void analyze(String path, InputStream content, Findings findings);
}
