package io.mlship.plugin.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces secret values with {@value #MASK} in what passes through to the build log, as {@code withCredentials}
 * does for the variables it binds. Needed because a credential named by a step parameter is bound by the step
 * itself, so Jenkins' own log filter does not know it. Works on bytes (the CLI writes UTF-8), a line at a time; a
 * line longer than {@link #LINE_LIMIT} is passed on in pieces, holding back enough bytes that no secret is split.
 */
public final class MaskingOutputStream extends OutputStream {

    static final String MASK = "****";
    static final int LINE_LIMIT = 16 * 1024;

    private final OutputStream out;
    private final List<byte[]> secrets;
    private final int longest;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public MaskingOutputStream(OutputStream out, List<String> secrets) {
        this.out = out;
        // The longest first, so a secret that contains another is masked whole.
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed()).toList();
        this.longest = this.secrets.stream().mapToInt(b -> b.length).max().orElse(0);
    }

    @Override
    public void write(int b) throws IOException {
        if (longest == 0) {
            out.write(b);
            return;
        }
        line.write(b);
        if (b == '\n') {
            emit(true);
        } else if (line.size() >= LINE_LIMIT + longest) {
            emit(false);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (longest == 0) {
            out.write(bytes, offset, length);
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Passes on a partial last line too (the process has ended or the stream is closed). */
    @Override
    public void flush() throws IOException {
        emit(true);
        out.flush();
    }

    /** Flushes; never closes the build log, which outlives the step. */
    @Override
    public void close() throws IOException {
        flush();
    }

    /**
     * Writes the buffered bytes with the secrets masked: all of them, or only those before the last
     * {@code longest - 1} bytes, which could be the start of a secret that continues after them.
     */
    private void emit(boolean all) throws IOException {
        byte[] buffer = line.toByteArray();
        int end = all ? buffer.length : buffer.length - Math.max(0, longest - 1);
        ByteArrayOutputStream masked = new ByteArrayOutputStream(buffer.length);
        int i = 0;
        while (i < end) {
            byte[] secret = secretAt(buffer, i);
            if (secret != null) {
                masked.writeBytes(MASK.getBytes(StandardCharsets.US_ASCII));
                i += secret.length;
            } else {
                masked.write(buffer[i]);
                i++;
            }
        }
        out.write(masked.toByteArray());
        line.reset();
        line.write(buffer, i, buffer.length - i);
    }

    private byte[] secretAt(byte[] buffer, int at) {
        for (byte[] secret : secrets) {
            if (at + secret.length <= buffer.length && Arrays.equals(buffer, at, at + secret.length, secret, 0, secret.length)) {
                return secret;
            }
        }
        return null;
    }
}
