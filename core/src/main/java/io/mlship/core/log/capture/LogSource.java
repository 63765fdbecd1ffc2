package io.mlship.core.log.capture;

import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.classify.LineClassifier;
import io.mlship.core.log.mask.NoiseFilter;
import io.mlship.core.log.mask.SecretMasker;
import io.mlship.core.log.store.SegmentCompressor;
import io.mlship.core.log.store.SegmentFiles;
import io.mlship.core.log.store.SegmentWriter;
import io.mlship.core.log.store.TimestampPrefix;
import io.mlship.core.log.view.ConsoleView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * One captured source (a build, a container, a pod container instance, events, a stream): every line
 * is masked, classified, stored complete and in order, indexed, and offered to the console view.
 * Lines may come one by one ({@link #line}) or in bulk from a stream ({@link #copyFrom}).
 */
public final class LogSource implements LogSink, AutoCloseable {

    private static final int READ_BUFFER = 1 << 20;

    private final String name;
    private final SourceKind kind;
    private final SegmentFiles files;
    private final LineClassifier classifier;
    private final SecretMasker masker;
    private final NoiseFilter noise;
    private final SegmentWriter store;
    private final ConsoleView view;
    private final SegmentCompressor compressor;
    private final Runnable onClose;
    private long maskedLines;
    private long noiseLines;
    private long errors;
    private long warnings;
    private SourceSummary summary;

    LogSource(String name, SourceKind kind, SegmentFiles files, CaptureSettings settings, LineClassifier classifier,
              NoiseFilter noise, SegmentCompressor compressor, LogSink console, boolean bulk, Runnable onClose) {
        this.name = name;
        this.kind = kind;
        this.files = files;
        this.classifier = classifier;
        this.masker = new SecretMasker(settings.secrets());
        this.noise = noise;
        this.view = new ConsoleView(name, console, settings.headLines(), settings.tailLines());
        this.onClose = onClose;
        this.compressor = compressor;
        try {
            this.store = new SegmentWriter(files, settings.rotateBytes(), compressor, bulk);
        } catch (IOException e) {
            throw storeFailure("cannot create", e);
        }
    }

    public String name() {
        return name;
    }

    /** The file being written now; with its rotated segments it holds every line. */
    public java.nio.file.Path file() {
        return files.active();
    }

    /** Stores one line and hands it to the file at once (a crash keeps it). */
    @Override
    public synchronized void line(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store(bytes, 0, bytes.length, TimestampPrefix.NONE);
        flush();
    }

    /** Stores a line that its source stamped with a time (Docker, Kubernetes): kept as {@code TIME text}. */
    public synchronized void line(Instant timestamp, String text) {
        byte[] bytes = (timestamp + " " + text).getBytes(StandardCharsets.UTF_8);
        store(bytes, 0, bytes.length, timestamp.toEpochMilli());
        flush();
    }

    /**
     * Reads the stream to its end and stores every line (a last line without newline too). A read
     * failure stops the copy with a clear error; everything read before it is stored.
     *
     * @return the number of bytes read
     */
    public synchronized long copyFrom(InputStream in, String streamName) {
        compressor.hold();
        try {
            return copyLines(in, streamName);
        } finally {
            compressor.release();
        }
    }

    private long copyLines(InputStream in, String streamName) {
        try (ChunkReader reader = new ChunkReader(in, classifier, READ_BUFFER)) {
            while (true) {
                LineChunk chunk = reader.next();
                for (int i = 0; i < chunk.lines; i++) {
                    store(chunk.bytes, chunk.starts[i], chunk.ends[i], TimestampPrefix.NONE, chunk.flags[i]);
                }
                if (chunk.failure != null) {
                    flush();
                    throw new MlshipException("reading " + streamName + " failed after " + chunk.bytesReadSoFar + " bytes: "
                            + chunk.failure.getMessage() + "; the " + store.lines() + " lines read before are stored in "
                            + files.active());
                }
                if (chunk.last) {
                    flush();
                    return chunk.bytesReadSoFar;
                }
                if (chunk.inputPaused) {
                    flush(); // the input paused: what came so far goes to disk now, not when the buffer fills
                }
                reader.recycle(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            flush();
            throw new MlshipException("capture of " + streamName + " was interrupted; the " + store.lines()
                    + " lines read before are stored in " + files.active(), e);
        }
    }

    private void store(byte[] b, int from, int to, long stampMillis) {
        store(b, from, to, stampMillis, classifier.classify(b, from, to));
    }

    private void store(byte[] b, int from, int to, long stampMillis, int flags) {
        boolean continues = (flags & ChunkReader.CONTINUES) != 0;
        boolean continuation = store.midLine(); // the console saw this line's head already
        if ((flags & LineClassifier.SECRET) != 0 || masker.insideSecret()) {
            String text = new String(b, from, to - from, StandardCharsets.UTF_8);
            String masked = masker.mask(text);
            if (!masked.equals(text)) {
                maskedLines++;
                b = masked.getBytes(StandardCharsets.UTF_8);
                from = 0;
                to = b.length;
                flags = classifier.classify(b, from, to) & ~LineClassifier.SECRET;
            }
        }
        int level = (flags & LineClassifier.ERROR) != 0 ? LineClassifier.ERROR : flags & LineClassifier.WARN;
        boolean isNoise = level == 0 && !ConsoleView.isStageMarker(b, from, to) && isNoise(flags, b, from, to);
        try {
            store.append(b, from, to, stampMillis, level, isNoise, continues);
        } catch (IOException e) {
            throw storeFailure("cannot write", e);
        }
        if (level == LineClassifier.ERROR) {
            errors++;
        } else if (level == LineClassifier.WARN) {
            warnings++;
        }
        if (isNoise) {
            noiseLines++;
        } else if (!continuation) {
            view.offer(continues ? store.lines() + 1 : store.lines(), level, b, from, to);
        }
    }

    private boolean isNoise(int flags, byte[] b, int from, int to) {
        if ((flags & LineClassifier.NOISE) != 0) {
            return true;
        }
        return noise.hasUserRules() && noise.userMatches(new String(b, from, to - from, StandardCharsets.UTF_8));
    }

    private void flush() {
        try {
            store.flush(false);
        } catch (IOException e) {
            throw storeFailure("cannot write", e);
        }
    }


    private MlshipException storeFailure(String what, IOException e) {
        return new MlshipException(what + " the log of `" + name + "` in " + files.directory() + ": " + e
                + " (disk full or not writable?); lines stored so far stay in " + files.active()
                + ". Free space or choose another log directory", e);
    }

    /** Closes the file and prints the end of the console view; idempotent. */
    @Override
    public synchronized void close() {
        if (summary != null) {
            return;
        }
        try {
            store.close();
        } catch (IOException e) {
            throw storeFailure("cannot finish", e);
        } finally {
            onClose.run();
        }
        summary = new SourceSummary(name, kind, files.active(), store.lines(), store.bytes(), store.segments(),
                noiseLines, maskedLines, errors, warnings);
        view.finish(String.format(Locale.ROOT, "== %s: %,d lines stored (%,d noise not shown, %,d with secrets masked, "
                        + "%,d errors, %,d warnings); complete log: %s%s", name, store.lines(), noiseLines, maskedLines, errors,
                warnings, files.active(), store.segments() > 1
                        ? " with " + (store.segments() - 1) + " earlier segments " + files.fileName() + ".1.." + (store.segments() - 1) + ".log.gz"
                        : ""));
    }

    synchronized SourceSummary summary() {
        return summary;
    }
}
