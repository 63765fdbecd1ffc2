package io.mlship.core.scan.layer;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What a scan needs of one 512-byte tar header: the name, the link target, the data size and the type.
 * Parsed here rather than by Commons Compress's {@code TarArchiveEntry}, which decodes every field of every
 * header (modes, owners, times, user and group names, sparse maps) and checks the checksum again: that was
 * two thirds of the time spent walking the 40,000 headers of the benchmark image (docs/benchmarks.md,
 * "Image scan"). {@code TarHeaderTest} checks this parser against Commons Compress on V7, ustar, GNU and
 * star headers.
 *
 * @param type the raw type flag ({@code '0'}, NUL, {@code '5'}, {@code 'L'}, {@code 'x'}, ...)
 */
public record TarHeader(String name, String linkName, long size, byte type) {

    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    static final int BLOCK = 512;
    private static final int NAME = 0;
    private static final int NAME_LENGTH = 100;
    private static final int SIZE = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int CHECKSUM = 148;
    private static final int CHECKSUM_LENGTH = 8;
    private static final int TYPE = 156;
    private static final int LINK = 157;
    private static final int MAGIC = 257;
    private static final int PREFIX = 345;
    private static final int PREFIX_LENGTH = 155;
    /** star's ustar variant keeps access and change times in the last 24 bytes of the prefix field. */
    private static final int XSTAR_PREFIX_LENGTH = 131;
    private static final int XSTAR_MAGIC = 508;

    /** Regular files (and contiguous and GNU sparse files): the only entries whose data is in the archive. */
    public boolean isRegular() {
        return type == '0' || type == 0 || type == '7' || type == 'S';
    }

    public boolean isSymbolicLink() {
        return type == '2';
    }

    public boolean isHardLink() {
        return type == '1';
    }

    boolean isGnuLongName() {
        return type == 'L';
    }

    boolean isGnuLongLink() {
        return type == 'K';
    }

    boolean isPax() {
        return type == 'x' || type == 'X';
    }

    boolean isGlobalPax() {
        return type == 'g';
    }

    TarHeader withName(String newName) {
        return new TarHeader(newName, linkName, size, type);
    }

    TarHeader withLinkName(String newLinkName) {
        return new TarHeader(name, newLinkName, size, type);
    }

    TarHeader withSize(long newSize) {
        return new TarHeader(name, linkName, newSize, type);
    }

    /**
     * @param block one 512-byte header block (not all zeros)
     * @param offset where it is in the archive, for the error message
     * @throws IOException when the checksum does not match or the size field is not a number
     */
    static TarHeader parse(byte[] block, long offset) throws IOException {
        if (!checksumMatches(block)) {
            throw new IOException("no valid tar header at offset " + offset + " (checksum mismatch)");
        }
        long size = number(block, SIZE, SIZE_LENGTH, offset); // never negative: number() refuses that
        byte type = block[TYPE];
        String name = text(block, NAME, NAME_LENGTH);
        if (isUstar(block)) {
            // POSIX ustar (not GNU, whose magic is "ustar " and which uses the prefix field for other things).
            String prefix = text(block, PREFIX, isXstar(block) ? XSTAR_PREFIX_LENGTH : PREFIX_LENGTH);
            if (type == '5' && !name.endsWith("/")) {
                name = name + "/";
            }
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return new TarHeader(name, text(block, LINK, NAME_LENGTH), size, type);
    }

    private static boolean isUstar(byte[] block) {
        return block[MAGIC] == 'u' && block[MAGIC + 1] == 's' && block[MAGIC + 2] == 't' && block[MAGIC + 3] == 'a'
                && block[MAGIC + 4] == 'r' && block[MAGIC + 5] == 0;
    }

    private static boolean isXstar(byte[] block) {
        return block[XSTAR_MAGIC] == 't' && block[XSTAR_MAGIC + 1] == 'a' && block[XSTAR_MAGIC + 2] == 'r'
                && block[XSTAR_MAGIC + 3] == 0;
    }

    /**
     * The stored checksum equals the unsigned or the signed sum of the header's bytes, the checksum field
     * counted as spaces (old tars summed signed bytes). The unsigned sum, asked for every header of a layer,
     * adds eight bytes a turn: each long load is split into four 16-bit lanes, which 64 turns cannot overflow
     * (64 x 2 x 255 < 65536). The signed sum is only worked out when the unsigned one does not match.
     */
    static boolean checksumMatches(byte[] block) {
        long stored;
        try {
            stored = octal(block, CHECKSUM, CHECKSUM_LENGTH);
        } catch (NumberFormatException e) {
            return false;
        }
        long lanes = 0;
        for (int i = 0; i < BLOCK; i += 8) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(block, i);
            lanes += (word & 0x00ff00ff00ff00ffL) + (word >>> 8 & 0x00ff00ff00ff00ffL);
        }
        int unsigned = (int) ((lanes & 0xffff) + (lanes >>> 16 & 0xffff) + (lanes >>> 32 & 0xffff) + (lanes >>> 48));
        for (int i = CHECKSUM; i < CHECKSUM + CHECKSUM_LENGTH; i++) {
            unsigned += ' ' - (block[i] & 0xff);
        }
        if (stored == unsigned) {
            return true;
        }
        int signed = 0;
        for (byte b : block) {
            signed += b;
        }
        for (int i = CHECKSUM; i < CHECKSUM + CHECKSUM_LENGTH; i++) {
            signed += ' ' - block[i];
        }
        return stored == signed;
    }

    /** An octal number, or (first byte 0x80 or 0xff) a big-endian binary one, as GNU tar writes huge sizes. */
    private static long number(byte[] block, int at, int length, long offset) throws IOException {
        byte first = block[at];
        if ((first & 0x80) != 0) {
            if (first != (byte) 0x80) {
                throw new IOException("tar header at offset " + offset + " gives a negative size");
            }
            long value = 0;
            for (int i = at + 1; i < at + length; i++) {
                if (value >>> 55 != 0) {
                    throw new IOException("tar header at offset " + offset + " gives a size beyond 2^63 bytes");
                }
                value = value << 8 | block[i] & 0xff;
            }
            return value;
        }
        try {
            return octal(block, at, length);
        } catch (NumberFormatException e) {
            throw new IOException("tar header at offset " + offset + " has a size field that is not a number ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Octal digits, with leading spaces and trailing NULs or spaces; an all-NUL field is 0. */
    private static long octal(byte[] block, int at, int length) {
        int start = at;
        int end = at + length;
        if (block[start] == 0) {
            return 0;
        }
        while (start < end && block[start] == ' ') {
            start++;
        }
        while (end > start && (block[end - 1] == 0 || block[end - 1] == ' ')) {
            end--;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = block[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new NumberFormatException("`" + new String(block, at, length, StandardCharsets.ISO_8859_1).strip()
                        + "` is not octal");
            }
            value = value << 3 | digit;
        }
        return value;
    }

    /** A NUL-terminated UTF-8 field; ASCII (nearly every name) becomes a String without a decoder. */
    private static String text(byte[] block, int at, int length) {
        int end = at;
        boolean ascii = true;
        while (end < at + length && block[end] != 0) {
            ascii &= block[end] >= 0;
            end++;
        }
        return new String(block, at, end - at, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
}
