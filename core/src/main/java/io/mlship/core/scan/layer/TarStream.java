package io.mlship.core.scan.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A forward-only tar reader that skips what nobody reads with {@link InputStream#skip}, so that over a
 * seekable source (an archive file) a 700 MiB model file costs a seek instead of a read. Commons
 * Compress's TarArchiveInputStream always skips by reading. Headers are parsed by {@link TarHeader}
 * (checksum verified); GNU long names and PAX path/linkpath/size are applied.
 * A truncated archive is an {@link EOFException}; an end without the two zero blocks is accepted.
 */
public final class TarStream {

    private static final int BLOCK = TarHeader.BLOCK;
    private static final int MAX_META = 1 << 20;

    private final InputStream in;
    /** The header block, reused: {@link TarHeader#parse} keeps nothing of it. */
    private final byte[] block = new byte[BLOCK];
    private EntryStream current;
    private long offset;

    public TarStream(InputStream in) {
        this.in = in;
    }

    /** The next entry, after skipping what is left of the current one; null at the end of the archive. */
    public TarHeader next() throws IOException {
        if (current != null) {
            current.skipRest();
            skipFully(padding(current.size));
            current = null;
        }
        String longName = null;
        String longLink = null;
        Map<String, String> pax = Map.of(); // most archives have no PAX headers: no map per entry
        while (true) {
            int n = in.readNBytes(block, 0, BLOCK);
            if (n == 0) {
                return null;
            }
            if (n < BLOCK) {
                throw new EOFException("archive ends inside a tar header at offset " + offset);
            }
            long headerOffset = offset;
            offset += BLOCK;
            if (isZero(block)) {
                return null;
            }
            TarHeader entry = TarHeader.parse(block, headerOffset);
            long size = entry.size();
            if (entry.isGnuLongName() || entry.isGnuLongLink()) {
                String value = trimNul(new String(readMeta(size), StandardCharsets.UTF_8));
                if (entry.isGnuLongName()) {
                    longName = value;
                } else {
                    longLink = value;
                }
            } else if (entry.isPax()) {
                if (pax.isEmpty()) {
                    pax = new HashMap<>();
                }
                pax.putAll(parsePax(readMeta(size)));
            } else if (entry.isGlobalPax()) {
                skipFully(size + padding(size));
            } else {
                if (longName != null) {
                    entry = entry.withName(longName);
                }
                if (longLink != null) {
                    entry = entry.withLinkName(longLink);
                }
                if (pax.containsKey("path")) {
                    entry = entry.withName(pax.get("path"));
                }
                if (pax.containsKey("linkpath")) {
                    entry = entry.withLinkName(pax.get("linkpath"));
                }
                if (pax.containsKey("size")) {
                    try {
                        entry = entry.withSize(Long.parseLong(pax.get("size").strip()));
                    } catch (NumberFormatException e) {
                        throw new IOException("bad PAX size `" + pax.get("size") + "` at offset " + headerOffset, e);
                    }
                }
                // Only regular files (and GNU sparse files) carry data in the archive.
                long dataSize = entry.isRegular() ? Math.max(0, entry.size()) : 0;
                current = new EntryStream(dataSize, entry.name());
                return entry;
            }
        }
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
