package io.mlship.core.scan.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * UTF-8 for tar header names with a fast path: a name of ASCII bytes (nearly all of them) becomes a String
 * directly, without the CharsetDecoder and buffers Commons Compress's encoding allocates for each of the
 * five names of every header (40,000 headers in the benchmark image). Any other name is decoded by
 * Commons Compress exactly as before.
 */
final class AsciiFirstEncoding implements ZipEncoding {

    static final AsciiFirstEncoding UTF8 = new AsciiFirstEncoding(ZipEncodingHelper.getZipEncoding("UTF-8"));

    private final ZipEncoding fallback;

    private AsciiFirstEncoding(ZipEncoding fallback) {
        this.fallback = fallback;
    }

    @Override
    public String decode(byte[] data) throws IOException {
        for (byte b : data) {
            if (b < 0) {
                return fallback.decode(data);
            }
        }
        return new String(data, StandardCharsets.ISO_8859_1); // ASCII: one byte, one char
    }

    @Override
    public boolean canEncode(String name) {
        return fallback.canEncode(name);
    }

    @Override
    public ByteBuffer encode(String name) throws IOException {
        return fallback.encode(name);
    }
}
