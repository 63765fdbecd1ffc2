package io.mlship.core.log;

import io.mlship.core.MlshipException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps every line in a file, complete and in order. Each line is flushed as it arrives so that a
 * crash or a killed process still leaves everything seen so far on disk.
 */
public final class FileLogSink implements LogSink, AutoCloseable {

    private final Path file;
    private final BufferedWriter writer;

    public FileLogSink(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MlshipException("cannot create log file " + file + ": " + e.getMessage()
                    + "; check that the directory is writable and the disk is not full", e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void line(String text) {
        try {
            writer.write(text);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log file " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log file " + file, e);
        }
    }
}
