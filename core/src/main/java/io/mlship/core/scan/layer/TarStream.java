package io.mlship.core.scan.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A forward-only tar reader that skips what nobody reads with {@link InputStream#skip}, so that over a
 * seekable source (an archive file) a 700 MiB model file costs a seek instead of a read. Commons
 * Compress's TarArchiveInputStream always skips by reading. Headers are parsed by Commons Compress
 * ({@link TarArchiveEntry}, checksum verified); GNU long names and PAX path/linkpath/size are applied.
 * A truncated archive is an {@link EOFException}; an end without the two zero blocks is accepted.
 */
public final class TarStream {

    private static final int BLOCK = 512;
    private static final int MAX_META = 1 << 20;

    private final InputStream in;
    private EntryStream current;
    private long offset;

    public TarStream(InputStream in) {
        this.in = in;
    }

    /** The next entry, after skipping what is left of the current one; null at the end of the archive. */
    public TarArchiveEntry next() throws IOException {
        if (current != null) {
            current.skipRest();
            skipFully(padding(current.size));
            current = null;
        }
        String longName = null;
        String longLink = null;
        Map<String, String> pax = new HashMap<>();
        while (true) {
            byte[] header = new byte[BLOCK];
            int n = in.readNBytes(header, 0, BLOCK);
            if (n == 0) {
                return null;
            }
            if (n < BLOCK) {
                throw new EOFException("archive ends inside a tar header at offset " + offset);
            }
            long headerOffset = offset;
            offset += BLOCK;
            if (isZero(header)) {
                return null;
            }
            TarArchiveEntry entry;
            try {
                if (!checksumMatches(header)) {
                    throw new IOException("no valid tar header at offset " + headerOffset + " (checksum mismatch)");
                }
                entry = new TarArchiveEntry(header, AsciiFirstEncoding.UTF8, true);
            } catch (IllegalArgumentException e) {
                throw new IOException("no valid tar header at offset " + headerOffset + " (" + e.getMessage() + ")", e);
            }
            long size = entry.getSize();
            if (entry.isGNULongNameEntry() || entry.isGNULongLinkEntry()) {
                String value = trimNul(new String(readMeta(size), StandardCharsets.UTF_8));
                if (entry.isGNULongNameEntry()) {
                    longName = value;
                } else {
                    longLink = value;
                }
            } else if (entry.isPaxHeader()) {
                pax.putAll(parsePax(readMeta(size)));
            } else if (entry.isGlobalPaxHeader()) {
                skipFully(size + padding(size));
            } else {
                if (longName != null) {
                    entry.setName(longName);
                }
                if (longLink != null) {
                    entry.setLinkName(longLink);
                }
                if (pax.containsKey("path")) {
                    entry.setName(pax.get("path"));
                }
                if (pax.containsKey("linkpath")) {
                    entry.setLinkName(pax.get("linkpath"));
                }
                if (pax.containsKey("size")) {
                    try {
                        entry.setSize(Long.parseLong(pax.get("size").strip()));
                    } catch (NumberFormatException e) {
                        throw new IOException("bad PAX size `" + pax.get("size") + "` at offset " + headerOffset, e);
                    }
                }
                // Only regular files (and GNU sparse files) carry data in the archive.
                long dataSize = isRegular(entry) ? Math.max(0, entry.getSize()) : 0;
                current = new EntryStream(dataSize, entry.getName());
                return entry;
            }
        }
    }

    private static final int CHECKSUM_OFFSET = 148;
    private static final int CHECKSUM_LENGTH = 8;

    /**
     * {@link TarUtils#verifyCheckSum} without its per-byte branch (run for every header): the stored checksum
     * equals the unsigned or the signed sum of the header's bytes, the checksum field counted as spaces.
     */
    static boolean checksumMatches(byte[] header) {
        long stored = TarUtils.parseOctal(header, CHECKSUM_OFFSET, CHECKSUM_LENGTH);
        int unsigned = 0;
        int signed = 0;
        for (byte b : header) {
            unsigned += b & 0xff;
            signed += b;
        }
        for (int i = CHECKSUM_OFFSET; i < CHECKSUM_OFFSET + CHECKSUM_LENGTH; i++) {
            unsigned += ' ' - (header[i] & 0xff);
            signed += ' ' - header[i];
        }
        return stored == unsigned || stored == signed;
    }

    /**
     * Whether the entry is a regular file by its type flag. Commons Compress's {@code isFile()} also says yes
     * for symlinks, devices and FIFOs whose name does not end in "/".
     */
    public static boolean isRegular(TarArchiveEntry entry) {
        byte type = entry.getLinkFlag();
        return type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM || type == TarArchiveEntry.LF_CONTIG
                || entry.isGNUSparse();
    }

    /** The current entry's data; reading past it gives end of stream. */
    public InputStream content() {
        return current == null ? InputStream.nullInputStream() : current;
    }

    private byte[] readMeta(long size) throws IOException {
        if (size < 0 || size > MAX_META) {
            throw new IOException("tar meta header of " + size + " bytes at offset " + offset + " is not plausible");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("archive ends inside a tar meta header at offset " + offset);
        }
        offset += size;
        skipFully(padding(size));
        return data;
    }

    /** PAX extended header records: "LENGTH key=value\n". */
    static Map<String, String> parsePax(byte[] data) throws IOException {
        Map<String, String> values = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII).strip());
            } catch (NumberFormatException e) {
                if (new String(data, pos, data.length - pos, StandardCharsets.US_ASCII).isBlank()) {
                    break;
                }
                throw new IOException("bad PAX header record", e);
            }
            if (length <= 0 || pos + length > data.length) {
                throw new IOException("bad PAX header record length " + length);
            }
            String record = new String(data, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                values.put(record.substring(0, eq), record.substring(eq + 1));
            }
            pos += length;
        }
        return values;
    }

    private void skipFully(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("archive ends " + left + " bytes early at offset " + offset);
                }
                skipped = 1;
            }
            left -= skipped;
            offset += skipped;
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String trimNul(String s) {
        int end = s.indexOf('\0');
        return end >= 0 ? s.substring(0, end) : s;
    }

    /** One entry's bytes; a short read is a truncated archive, never a silent end. */
    private final class EntryStream extends InputStream {
        private final long size;
        private final String name;
        private long remaining;

        EntryStream(long size, String name) {
            this.size = size;
            this.name = name;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw truncated();
            }
            remaining--;
            offset++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(buffer, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw truncated();
            }
            remaining -= n;
            offset += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long wanted = Math.min(n, remaining);
            if (wanted <= 0) {
                return 0;
            }
            skipFully(wanted);
            remaining -= wanted;
            return wanted;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(Math.min(in.available(), remaining), Integer.MAX_VALUE);
        }

        void skipRest() throws IOException {
            skip(remaining);
        }

        private EOFException truncated() {
            return new EOFException("archive is truncated inside `" + name + "` (" + (size - remaining) + " of " + size
                    + " bytes)");
        }

        @Override
        public void close() {
            // the archive stays open; the next entry skips what is left
        }
    }
}
