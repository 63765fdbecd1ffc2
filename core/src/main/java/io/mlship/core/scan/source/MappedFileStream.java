package io.mlship.core.scan.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An archive file read through memory mappings of {@link #WINDOW} bytes: {@link #skip} only moves the
 * position, so the data of files nobody analyses (a 700 MiB model, thousands of binary chunks) is never
 * copied out of the page cache, where a buffered read(2) copied all of it that fell in the buffer. Never
 * skips past the end of the file, so a truncated archive is noticed, not skipped over.
 *
 * <p>A mapping can fault if the file shrinks while it is read (another job rewriting it); that fault
 * surfaces as an {@link InternalError}, turned here into an {@link IOException} that says so.
 */
final class MappedFileStream extends InputStream {

    /** Mapped at a time: large enough for few mappings, small enough for any address space. */
    static final long WINDOW = 256L << 20;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private MappedByteBuffer window;
    private long windowStart;
    private long position;

    MappedFileStream(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    /** The mapping that holds {@link #position}, with its position set there; null at the end of the file. */
    private MappedByteBuffer at() throws IOException {
        if (position >= size) {
            return null;
        }
        if (window == null || position < windowStart || position >= windowStart + window.capacity()) {
            windowStart = position - position % WINDOW;
            window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, Math.min(WINDOW, size - windowStart));
        }
        window.position((int) (position - windowStart));
        return window;
    }

    @Override
    public int read() throws IOException {
        MappedByteBuffer buffer = at();
        if (buffer == null) {
            return -1;
        }
        try {
            int b = buffer.get() & 0xff;
            position++;
            return b;
        } catch (InternalError e) {
            throw changedWhileRead(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        MappedByteBuffer buffer = at();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        try {
            buffer.get(b, off, n);
        } catch (InternalError e) {
            throw changedWhileRead(e);
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        long skipped = Math.min(n, size - position);
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    private IOException changedWhileRead(InternalError e) {
        return new IOException(file + " changed (shrank?) while it was being read at offset " + position, e);
    }

    @Override
    public void close() throws IOException {
        window = null; // the mapping goes with the buffer; there is no way to unmap it sooner in Java 17
        channel.close();
    }
}
