package io.mlship.core.scan.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A buffered file stream whose {@link #skip} moves the file position instead of reading, never past the
 * end of the file (so a truncated archive is noticed, not skipped over).
 */
final class SeekableFileStream extends InputStream {

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer;
    /** File position of the first byte not yet in the buffer. */
    private long position;

    SeekableFileStream(Path file, int bufferSize) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.buffer = ByteBuffer.allocateDirect(bufferSize); // direct: the channel fills it without an extra copy
        buffer.flip();
    }

    private boolean fill() throws IOException {
        buffer.clear();
        int n = channel.read(buffer, position);
        buffer.flip();
        if (n <= 0) {
            return false;
        }
        position += n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        return buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            if (len >= buffer.capacity()) {
                // Large reads go straight to the caller's array.
                int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                if (n > 0) {
                    position += n;
                }
                return n <= 0 ? -1 : n;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (n <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) n);
            return n;
        }
        long logical = position - buffer.remaining();
        long target = Math.min(size, logical + n);
        buffer.clear().flip();
        position = target;
        return target - logical;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
