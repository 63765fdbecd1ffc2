package io.mlship.core.scan.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An archive file read through read-only memory maps of one window at a time. The page cache's pages are
 * read in place: a byte that is read is copied once, into the caller's array, where a buffered channel
 * copied it twice (kernel to buffer, buffer to array); {@link #skip} only moves the position, so what nobody
 * reads (a 700 MiB model file) is never touched. In the benchmark image this took the reading from about
 * 330 to 300 ms (docs/benchmarks.md, "Image scan").
 *
 * <p>Each window is unmapped as soon as the stream leaves it ({@link Unmapper}). For one thread at a time:
 * a window is only unmapped once this stream no longer reads from it, and it is never handed out.
 * A file that shrinks while it is read: a read of a page it no longer has raises SIGBUS, which the JVM turns
 * into an {@link InternalError}, synchronously in the read or, in compiled code, a little later on the same
 * thread; callers turn it into a clear error ({@code ScanService}). The size is also checked at each new
 * window and at {@link #close}, so a shrink that no read hit is an {@link IOException} too.
 */
final class MappedFileStream extends InputStream {

    /** Large enough that mapping costs nothing next to reading, small enough to be unmapped while the scan runs. */
    static final long WINDOW = 64L << 20;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final long windowSize;
    private MappedByteBuffer window;
    private long windowStart;
    private long windowEnd;
    private long position;

    MappedFileStream(Path file) throws IOException {
        this(file, WINDOW);
    }

    MappedFileStream(Path file, long windowSize) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.windowSize = windowSize;
    }

    /** Maps the window that holds {@link #position}; false at the end of the file. */
    private boolean mapped() throws IOException {
        if (position >= size) {
            return false;
        }
        if (window == null || position < windowStart || position >= windowEnd) {
            release();
            checkSize();
            windowStart = position;
            windowEnd = Math.min(size, position + windowSize);
            window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, windowEnd - windowStart);
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!mapped()) {
            return -1;
        }
        try {
            int b = window.get((int) (position - windowStart)) & 0xff;
            position++;
            return b;
        } catch (InternalError e) {
            throw changed(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!mapped()) {
            return -1;
        }
        int n = (int) Math.min(len, windowEnd - position);
        try {
            window.get((int) (position - windowStart), b, off, n);
        } catch (InternalError e) {
            throw changed(e);
        }
        position += n;
        return n;
    }

    /** Moves the position, never past the end of the file (so a truncated archive is noticed, not skipped over). */
    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        long target = Math.min(size, position + n);
        long skipped = target - position;
        position = target;
        return skipped;
    }

    @Override
    public int available() {
        return window == null || position < windowStart || position >= windowEnd ? 0 : (int) (windowEnd - position);
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        release();
        try {
            checkSize();
        } finally {
            channel.close();
        }
    }

    private void release() {
        if (window != null) {
            Unmapper.unmap(window);
            window = null;
        }
    }

    private void checkSize() throws IOException {
        long now = channel.size();
        if (now != size) {
            throw new IOException(changedMessage(file, now, size));
        }
    }

    private IOException changed(InternalError e) {
        if (!isMappedPageFault(e)) {
            throw e;
        }
        long now;
        try {
            now = channel.size();
        } catch (IOException sizeUnknown) {
            now = -1;
        }
        return new IOException(changedMessage(file, now, size), e);
    }

    static String changedMessage(Path file, long sizeNow, long sizeBefore) {
        return file + " changed while it was read (it is now " + (sizeNow < 0 ? "of unknown size" : sizeNow + " bytes")
                + ", was " + sizeBefore + " bytes); scan a file nobody writes to";
    }

    /** Whether this error is the JVM's report of a read of a mapped page the file no longer has (SIGBUS). */
    static boolean isMappedPageFault(InternalError e) {
        return e.getMessage() != null && e.getMessage().contains("unsafe memory access");
    }
}
