package io.mlship.core.log.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Collects lines into 1 MiB buffers and writes them to the file, on the caller's thread or on a
 * writer thread of its own (bulk capture: the next buffer fills while the last one is written).
 *
 * <p>The file is written through a {@link FileOutputStream}, not a {@code FileChannel}: lines often
 * arrive on threads of other libraries (Docker's and Kubernetes' stream callbacks) that are interrupted
 * when their stream is closed, and an interrupt closes a {@code FileChannel} for good.
 */
final class ChannelFeeder implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private final FileOutputStream file;
    private final BlockingQueue<ByteBuffer> full;
    private final BlockingQueue<ByteBuffer> empty;
    private final Thread writer;
    private volatile IOException writeFailure;
    private ByteBuffer current;
    private int inFlight;

    private ChannelFeeder(FileOutputStream file, boolean background) {
        this.file = file;
        if (background) {
            full = new ArrayBlockingQueue<>(4);
            empty = new ArrayBlockingQueue<>(4);
            for (int i = 0; i < 3; i++) {
                empty.add(ByteBuffer.allocate(BUFFER));
            }
            writer = new Thread(this::writeLoop, "mlship-log-writer");
            writer.setDaemon(true);
            writer.start();
        } else {
            full = null;
            empty = null;
            writer = null;
        }
        current = ByteBuffer.allocate(BUFFER);
    }

    static ChannelFeeder open(Path file, boolean background) throws IOException {
        return new ChannelFeeder(new FileOutputStream(file.toFile(), false), background);
    }

    boolean background() {
        return writer != null;
    }

    void put(byte[] b, int from, int to) throws IOException {
        int length = to - from;
        if (current.remaining() < length + 1) {
            handOver(false);
            if (current.remaining() < length + 1) { // a line longer than a buffer goes out on its own
                writeFully(ByteBuffer.wrap(b, from, length));
                current.put((byte) '\n');
                return;
            }
        }
        current.put(b, from, length);
        current.put((byte) '\n');
    }

    /** A piece of a line that goes on in the next put: no newline after it. */
    void putPiece(byte[] b, int from, int to) throws IOException {
        int length = to - from;
        if (current.remaining() < length) {
            handOver(false);
            if (current.remaining() < length) {
                writeFully(ByteBuffer.wrap(b, from, length));
                return;
            }
        }
        current.put(b, from, length);
    }

    void flush(boolean waitUntilWritten) throws IOException {
        if (current.position() > 0) {
            handOver(waitUntilWritten);
        } else if (waitUntilWritten) {
            awaitWritten();
        }
    }

    private void handOver(boolean wait) throws IOException {
        if (writer == null) {
            current.flip();
            writeFully(current);
            current.clear();
            return;
        }
        checkFailure();
        current.flip();
        try {
            synchronized (this) {
                inFlight++;
            }
            full.put(current);
            current = empty.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while storing log lines", e);
        }
        if (wait) {
            awaitWritten();
        }
    }

    private void awaitWritten() throws IOException {
        if (writer == null) {
            return;
        }
        synchronized (this) {
            while (inFlight > 0 && writeFailure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while storing log lines", e);
                }
            }
        }
        checkFailure();
    }

    private void writeLoop() {
        try {
            while (true) {
                ByteBuffer buffer = full.take();
                if (buffer.limit() == 0 && buffer.capacity() == 0) {
                    return; // end marker
                }
                try {
                    if (writeFailure == null) {
                        writeFully(buffer);
                    }
                } catch (IOException e) {
                    writeFailure = e;
                }
                buffer.clear();
                empty.put(buffer);
                synchronized (this) {
                    inFlight--;
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        file.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        buffer.position(buffer.limit());
    }

    private void checkFailure() throws IOException {
        if (writeFailure != null) {
            throw writeFailure;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush(true);
        } finally {
            if (writer != null) {
                try {
                    full.put(ByteBuffer.allocate(0));
                    writer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            file.close();
        }
    }
}
