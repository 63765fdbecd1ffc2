package io.mlship.core.image;

import io.mlship.core.log.LogSink;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Says how much of a large build context has been sent, so that a build busy uploading gigabytes of model
 * files is not mistaken for a hung one: a line after the first {@value #QUIET_MIB} MiB, then every few
 * seconds. A small context stays silent. Closing does not close the pipe (the packer does that).
 */
final class ContextProgress extends FilterOutputStream {

    static final long QUIET_MIB = 64;
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final LogSink console;
    private final long started = System.nanoTime();
    private long sent;
    private long lastSaid;

    ContextProgress(OutputStream pipe, LogSink console) {
        super(pipe);
        this.console = console;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        counted(1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        counted(length);
    }

    private void counted(long bytes) {
        sent += bytes;
        long now = System.nanoTime();
        if ((sent >> 20) >= QUIET_MIB && (lastSaid == 0 || now - lastSaid >= EVERY_NANOS)) {
            lastSaid = now;
            console.line(String.format(Locale.ROOT, "   build context: %,d MiB sent to the Docker daemon (%.0f s)",
                    sent >> 20, (now - started) / 1e9));
        }
    }

    @Override
    public void close() {
        // the pipe is closed by whoever owns it
    }
}
