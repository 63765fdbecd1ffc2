package io.mlship.core.scan.layer;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.analyzer.FileAnalyzer;
import io.mlship.core.scan.analyzer.Findings;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs the file analyzers of one layer on a second thread while the reader goes on through the tar, in the
 * order the files came: the secret search over thousands of source files was about a quarter of a scan's
 * time on one core, and the machines have two (docs/benchmarks.md, "Image scan").
 *
 * <p>Everything that reaches the layer's {@link Findings} goes through this queue, also what the reading
 * thread finds itself (skips, what archive analyzers record): one thread writes the findings, in file
 * order, so the report is the same as when everything ran on one thread. The bytes waiting for analysis
 * are bounded by {@link #MAX_PENDING_BYTES} (the reader waits), so memory stays within {@code -Xmx256m}.
 * Tasks cross between the threads in batches ({@link #BATCH_TASKS}, {@link #BATCH_BYTES}): one hand-over per
 * source file woke the analysis thread about 13,000 times in the benchmark image.
 */
final class AnalysisQueue implements AutoCloseable {

    static final int MAX_PENDING_BYTES = 16 << 20;
    static final int BATCH_TASKS = 64;
    static final int BATCH_BYTES = 1 << 20;
    private static final List<Task> END = List.of();

    private final Findings target;
    private final BlockingQueue<List<Task>> batches = new ArrayBlockingQueue<>(256);
    /** Tasks of the reading thread not yet handed over, and the bytes they hold. */
    private List<Task> batch = new ArrayList<>(BATCH_TASKS);
    private int batchBytes;
    private final Semaphore pendingBytes = new Semaphore(MAX_PENDING_BYTES);
    private final ContentBuffers buffers = new ContentBuffers();
    private final Thread worker;
    private volatile RuntimeException failure;

    /** @param buffer given back to {@link #buffers} once the work is done; null when it holds none */
    private record Task(Consumer<Findings> work, int bytes, byte[] buffer) {
    }

    AnalysisQueue(Findings target) {
        this.target = target;
        worker = new Thread(this::work, "mlship-scan-analysis");
        worker.setDaemon(true);
        worker.start();
    }

    /** An array for a file's content, to be passed to {@link #analyze}: reused, so not cleared. */
    byte[] buffer(int size) {
        return buffers.take(size);
    }

    /**
     * Hands {@code content[0..length)} to the analyzers, on the analysis thread, after everything queued before.
     * The array must come from {@link #buffer} and is not the caller's any more.
     */
    void analyze(String path, byte[] content, int length, List<FileAnalyzer> analyzers) throws InterruptedIOException {
        int bytes = Math.min(content.length, MAX_PENDING_BYTES);
        put(new Task(findings -> {
            for (FileAnalyzer analyzer : analyzers) {
                if (length <= analyzer.maxBytes()) {
                    analyzer.analyze(path, content, length, findings);
                }
            }
        }, bytes, content));
    }

    /** Something the reading thread could not look at, reported in order with the rest. */
    void skip(String reason) throws InterruptedIOException {
        record(findings -> findings.skip(reason));
    }

    /** Findings made on the reading thread, kept in order with the rest. */
    private void record(Consumer<Findings> findings) throws InterruptedIOException {
        put(new Task(findings, 0, null));
    }

    /** A {@link Findings} for the reading thread that holds what it is given until {@link Recorder#queue}. */
    Recorder recorder() {
        return new Recorder();
    }

    /** Collects findings on the reading thread (an archive analyzer's), to be queued in one piece. */
    final class Recorder implements Findings {
        private final List<Consumer<Findings>> found = new ArrayList<>();

        @Override
        public void pkg(InstalledPackage pkg) {
            found.add(findings -> findings.pkg(pkg));
        }

        @Override
        public void secret(SecretFinding secret) {
            found.add(findings -> findings.secret(secret));
        }

        @Override
        public void skip(String reason) {
            found.add(findings -> findings.skip(reason));
        }

        void queue() throws InterruptedIOException {
            List<Consumer<Findings>> all = List.copyOf(found);
            record(findings -> all.forEach(one -> one.accept(findings)));
        }
    }

    private void acquire(int bytes) throws InterruptedIOException {
        try {
            pendingBytes.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the file analyzers");
        }
    }

    private void put(Task task) throws InterruptedIOException {
        if (failure != null) {
            throw failure; // the analyzers broke: stop reading now rather than at the end of the layer
        }
        if (batchBytes + task.bytes() > MAX_PENDING_BYTES) {
            handOver();
        }
        batch.add(task);
        batchBytes += task.bytes();
        if (batch.size() >= BATCH_TASKS || batchBytes >= BATCH_BYTES) {
            handOver();
        }
    }

    /** Passes the batch to the analysis thread, waiting while the bytes pending there would exceed the bound. */
    private void handOver() throws InterruptedIOException {
        if (batch.isEmpty()) {
            return;
        }
        acquire(batchBytes);
        try {
            batches.put(batch);
        } catch (InterruptedException e) {
            pendingBytes.release(batchBytes);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing files for analysis");
        }
        batch = new ArrayList<>(BATCH_TASKS);
        batchBytes = 0;
    }

    private void work() {
        while (true) {
            List<Task> tasks;
            try {
                tasks = batches.take();
            } catch (InterruptedException e) {
                return;
            }
            if (tasks == END) {
                return;
            }
            int bytes = 0;
            for (Task task : tasks) {
                bytes += task.bytes();
                try {
                    if (failure == null) {
                        task.work().accept(target);
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
                if (task.buffer() != null) {
                    buffers.give(task.buffer());
                }
            }
            pendingBytes.release(bytes);
        }
    }

    /**
     * Waits until everything queued has been analysed (also when reading failed midway: what was read
     * so far is analysed and kept), then rethrows an analyzer's failure.
     */
    @Override
    public void close() throws InterruptedIOException {
        try {
            handOver();
            batches.put(END);
            worker.join();
        } catch (InterruptedException | InterruptedIOException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the file analyzers");
        }
        if (failure != null) {
            throw failure;
        }
    }
}
