package io.mlship.core.log.capture;

import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.classify.LineClassifier;
import io.mlship.core.log.mask.NoiseFilter;
import io.mlship.core.log.mask.SecretMasker;
import io.mlship.core.log.store.SegmentCompressor;
import io.mlship.core.log.store.SegmentFiles;
import io.mlship.core.report.JsonReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logs of one run (a build, a verification, a deploy): every source in its own complete file
 * under one directory, with an index per source, {@code sources.tsv} naming them all, and
 * {@code capture.json} summing them up at the end. Secrets are masked before anything is written;
 * noise is stored but kept out of the console view.
 *
 * <pre>
 * try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults().withSecrets(List.of(token)), console)) {
 *     LogSource build = capture.source("build", SourceKind.BUILD);
 *     build.line("Step 1/4 : FROM base");
 * } // close() = finish(): every source closed, capture.json written
 * </pre>
 */
public final class LogCapture implements AutoCloseable {

    public static final String SOURCES_FILE = "sources.tsv";

    private final Path directory;
    private final CaptureSettings settings;
    private final LineClassifier classifier;
    private final NoiseFilter noise;
    private final SegmentCompressor compressor = new SegmentCompressor();
    private final LogSink console;
    private final BufferedWriter sourcesFile;
    private final Map<String, LogSource> sources = new LinkedHashMap<>();
    private CaptureSummary summary;

    private LogCapture(Path directory, CaptureSettings settings, LogSink console) throws IOException {
        this.directory = directory;
        this.settings = settings;
        this.noise = NoiseFilter.of(settings.noiseRules()); // invalid rules fail here, before anything is written
        this.classifier = new LineClassifier(SecretMasker.variants(settings.secrets()));
        LogSink shared = console;
        this.console = line -> {
            synchronized (shared) { // sources of one capture may be written from several threads
                shared.line(line);
            }
        };
        Files.createDirectories(directory);
        Path list = directory.resolve(SOURCES_FILE);
        boolean fresh = !Files.exists(list);
        this.sourcesFile = Files.newBufferedWriter(list, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            sourcesFile.write("name\tkind\tfile\tstarted\n");
            sourcesFile.flush();
        }
    }

    /** @throws MlshipException when the directory cannot be created or a noise rule is not a valid regex */
    public static LogCapture open(Path directory, CaptureSettings settings, LogSink console) {
        try {
            return new LogCapture(directory, settings, console);
        } catch (IOException e) {
            throw new MlshipException("cannot create the log directory " + directory + ": " + e
                    + "; check that it is writable and the disk is not full", e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** A new source for lines that arrive one by one (flushed per line). A name already used gets a suffix. */
    public LogSource source(String name, SourceKind kind) {
        return open(name, kind, false);
    }

    /** A new source for a bulk stream ({@link LogSource#copyFrom}): its writes overlap with reading. */
    public LogSource bulkSource(String name, SourceKind kind) {
        return open(name, kind, true);
    }

    private synchronized LogSource open(String name, SourceKind kind, boolean bulk) {
        if (summary != null) {
            throw new IllegalStateException("the capture in " + directory + " is closed");
        }
        String unique = name;
        for (int n = 2; sources.containsKey(unique) || Files.exists(new SegmentFiles(directory, SegmentFiles.fileNameOf(unique)).index()); n++) {
            unique = name + "-" + n;
        }
        SegmentFiles files = new SegmentFiles(directory, SegmentFiles.fileNameOf(unique));
        LogSource source = new LogSource(unique, kind, files, settings, classifier, noise, compressor, console, bulk, () -> { });
        sources.put(unique, source);
        try {
            sourcesFile.write(unique.replace('\t', ' ') + "\t" + kind + "\t" + files.fileName() + "\t" + Instant.now() + "\n");
            sourcesFile.flush();
        } catch (IOException e) {
            throw new MlshipException("cannot write " + directory.resolve(SOURCES_FILE) + ": " + e, e);
        }
        return source;
    }

    /** Closes every source still open, waits for background compression, writes {@code capture.json}. */
    public synchronized CaptureSummary finish() {
        if (summary != null) {
            return summary;
        }
        List<SourceSummary> all = new ArrayList<>();
        MlshipException first = null;
        for (LogSource source : sources.values()) {
            try {
                source.close();
                all.add(source.summary());
            } catch (MlshipException e) {
                first = first == null ? e : first;
            }
        }
        try {
            compressor.close();
            sourcesFile.close();
        } catch (IOException e) {
            first = first == null ? new MlshipException("compressing rotated logs in " + directory + " failed: " + e
                    + "; the uncompressed segments are kept", e) : first;
        }
        summary = new CaptureSummary(directory, all);
        JsonReport.write(summary.toReport(), directory.resolve(CaptureSummary.FILE_NAME));
        if (first != null) {
            throw first;
        }
        return summary;
    }

    /** Same as {@link #finish()}, for try-with-resources. */
    @Override
    public void close() {
        finish();
    }
}
