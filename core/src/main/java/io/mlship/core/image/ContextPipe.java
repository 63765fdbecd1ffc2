package io.mlship.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Carries the build context from the thread that packs it to the thread that uploads it, in pieces of
 * {@link #PIECE} bytes, with both sides running at once.
 *
 * <p>Why not {@code java.io.PipedInputStream}: its reader wakes the writer only once the buffer is
 * empty, and its writer wakes the reader only once the buffer is full, so packing (reading and hashing
 * the model files) and uploading took turns instead of overlapping. Here a full piece is handed over as
 * soon as it is full. And where a Piped stream ends normally when its writer gives up, this pipe makes
 * the reader fail ({@link #fail}), so the daemon never builds from a truncated context.
 */
final class ContextPipe {

    static final int PIECE = 1 << 20;
    private static final byte[] END = new byte[0];
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<byte[]> pieces;
    private volatile IOException writerFailure;
    private volatile boolean readerClosed;
    private volatile boolean abandoned;
    private final Sink sink = new Sink();
    private final Source source = new Source();

    /** @param capacity how many full pieces may wait for the reader before the writer blocks */
    ContextPipe(int capacity) {
        pieces = new ArrayBlockingQueue<>(capacity);
    }

    OutputStream sink() {
        return sink;
    }

    InputStream source() {
        return source;
    }

    /** Whether the writer gave up because the reader had gone (so the reader's side holds the real cause). */
    boolean abandonedByReader() {
        return abandoned;
    }

    /** Ends the stream as failed: the reader's next read throws {@code cause} instead of seeing the end. */
    void fail(IOException cause) {
        writerFailure = cause;
        try {
            sink.handOver(END);
        } catch (IOException ignored) {
            // the reader is gone already: nobody left to tell
        }
    }

    private final class Sink extends OutputStream {
        private byte[] piece = new byte[PIECE];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("the build context pipe is closed");
            }
            while (length > 0) {
                int n = Math.min(length, piece.length - filled);
                System.arraycopy(bytes, offset, piece, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == piece.length) {
                    handOver(piece);
                    piece = new byte[PIECE];
                    filled = 0;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (filled > 0) {
                handOver(Arrays.copyOf(piece, filled));
            }
            handOver(END);
        }

        /** Blocks while the reader is behind; gives up with an error once the reader has closed. */
        void handOver(byte[] bytes) throws IOException {
            try {
                while (readerClosed || !pieces.offer(bytes, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (readerClosed) {
                        abandoned = true;
                        throw new IOException("the Docker daemon stopped reading the build context");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while sending the build context");
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] piece = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == piece.length) {
                if (ended || !next()) {
                    return -1;
                }
            }
            int n = Math.min(length, piece.length - position);
            System.arraycopy(piece, position, bytes, offset, n);
            position += n;
            return n;
        }

        private boolean next() throws IOException {
            byte[] taken;
            try {
                taken = pieces.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the build context");
            }
            if (taken == END) {
                ended = true;
                if (writerFailure != null) {
                    throw new IOException("packing the build context failed: " + writerFailure.getMessage(), writerFailure);
                }
                return false;
            }
            piece = taken;
            position = 0;
            return true;
        }

        /** Hands over whole pieces, without copying them through a caller's buffer. */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            long sent = 0;
            while (true) {
                if (position < piece.length) {
                    out.write(piece, position, piece.length - position);
                    sent += piece.length - position;
                    position = piece.length;
                }
                if (ended || !next()) {
                    return sent;
                }
            }
        }

        @Override
        public int available() {
            return piece.length - position;
        }

        @Override
        public void close() {
            readerClosed = true;
            pieces.clear(); // unblocks a writer waiting for room; it then sees readerClosed
        }
    }
}
