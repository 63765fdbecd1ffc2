package io.mlship.core.log.capture;

import io.mlship.core.log.classify.LineClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on a thread of its own, splitting it into lines and classifying them, while the
 * caller stores the previous chunk: on two cores, reading and classifying overlap with masking,
 * storing and the console view. Chunks come out in stream order; a line cut by the end of a buffer
 * is carried into the next one, and a line longer than a whole buffer is handed out in pieces.
 */
final class ChunkReader implements AutoCloseable {

    private static final int CHUNKS = 3;
    /**
     * Flag (beside LineClassifier's) of a piece of a line longer than a buffer that goes on in the next chunk:
     * stored without a newline after it, so the stored line stays whole.
     */
    static final int CONTINUES = 1 << 30;

    private final InputStream in;
    private final LineClassifier classifier;
    private final BlockingQueue<LineChunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<LineChunk> filled = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile boolean closed;

    ChunkReader(InputStream in, LineClassifier classifier, int chunkSize) {
        this.in = in;
        this.classifier = classifier;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new LineChunk(chunkSize));
        }
        this.thread = new Thread(this::readLoop, "mlship-log-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next chunk in stream order; give it back with {@link #recycle} once its lines are stored. */
    LineChunk next() throws InterruptedException {
        return filled.take();
    }

    void recycle(LineChunk chunk) {
        free.add(chunk);
    }

    private void readLoop() {
        byte[] carry = new byte[0];
        int carried = 0;
        long total = 0;
        try {
            while (!closed) {
                LineChunk chunk = free.take();
                chunk.reset();
                System.arraycopy(carry, 0, chunk.bytes, 0, carried);
                int n;
                try {
                    n = in.read(chunk.bytes, carried, chunk.bytes.length - carried);
                } catch (IOException e) {
                    finishWith(chunk, carried, total, e);
                    return;
                }
                if (n < 0) {
                    finishWith(chunk, carried, total, null);
                    return;
                }
                total += n;
                int end = carried + n;
                // The scanner ends a line before the CR of a CRLF; the stored line keeps it (byte for byte as it came).
                byte[] bytes = chunk.bytes;
                int rest = classifier.classifyLines(bytes, 0, end,
                        (start, stop, flags) -> chunk.add(start, stop < end && bytes[stop] == '\r' ? stop + 1 : stop, flags));
                if (rest == 0 && end == chunk.bytes.length) {
                    // longer than a buffer: handed out in pieces, stored as one line
                    chunk.add(0, end, classifier.classify(chunk.bytes, 0, end) | CONTINUES);
                    rest = end;
                }
                carried = end - rest;
                if (carry.length < carried) {
                    carry = new byte[Math.max(carried, 4096)];
                }
                System.arraycopy(chunk.bytes, rest, carry, 0, carried);
                chunk.bytesReadSoFar = total;
                chunk.inputPaused = available() == 0;
                filled.put(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last chunk: what is left of the stream as a last line (without newline), and the failure if any. */
    private void finishWith(LineChunk chunk, int carried, long total, Exception failure) throws InterruptedException {
        if (carried > 0) {
            chunk.add(0, carried, classifier.classify(chunk.bytes, 0, carried));
        }
        chunk.bytesReadSoFar = total;
        chunk.failure = failure;
        chunk.last = true;
        filled.put(chunk);
    }

    private int available() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
