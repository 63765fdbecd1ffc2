package io.mlship.core.scan.analyzer;

import io.mlship.core.secret.SecretRules;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The cheap first look of the secret scan: whether a file's bytes contain a fixed part that every content
 * rule's match holds, so that the rules' patterns only run over files that can match one. One pass over
 * the bytes, no String decoding. Every marker is at least 3 bytes long, so it covers a pair of bytes that
 * starts at an even offset: either its own first two bytes or its second and third. Only the pairs at even
 * offsets are looked up in a 64 KiB table of those pairs (half the work of looking at every pair), and
 * only on a hit are the markers compared at the two places they could start. This replaced a dozen
 * {@code String.indexOf} passes, which were the largest per-file cost of a scan (13,000 Python sources in
 * the benchmark image).
 */
final class SecretMarkers {

    /**
     * The shared content rules' markers ({@link SecretRules#markers()}), but the GitHub prefixes "gh?_": those are
     * looked for as one shape below.
     */
    static final String[] LITERALS = SecretRules.markers().stream().filter(marker -> !githubPrefix(marker))
            .toArray(String[]::new);
    private static final byte[][] LITERAL_BYTES = new byte[LITERALS.length][];
    /**
     * Byte pairs at offset 0 or 1 of a marker: 1, else 0. A byte per pair (64 KiB), not a bit: one load and
     * no shifts per pair, measurably faster with C1, which the launcher runs scans with.
     */
    private static final byte[] PAIRS = new byte[1 << 16];
    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < LITERALS.length; i++) {
            LITERAL_BYTES[i] = LITERALS[i].getBytes(StandardCharsets.US_ASCII);
            markFirstPairs(LITERAL_BYTES[i]);
        }
        mark((byte) 'g', (byte) 'h'); // "gh?_": "gh", or 'h' and any byte
        for (int any = 0; any < 256; any++) {
            mark((byte) 'h', (byte) any);
            mark((byte) 0, (byte) any); // a NUL byte: the file may be binary
            mark((byte) any, (byte) 0);
        }
    }

    private SecretMarkers() {
    }

    /** Whether a marker is a classic GitHub token prefix, which the "gh?_" check finds. */
    private static boolean githubPrefix(String marker) {
        return marker.length() == 4 && marker.startsWith("gh") && marker.charAt(3) == '_';
    }

    private static void markFirstPairs(byte[] marker) {
        mark(marker[0], marker[1]);
        mark(marker[1], marker[2]);
    }

    private static void mark(byte first, byte second) {
        PAIRS[pair(first, second)] = 1;
    }

    private static int pair(byte first, byte second) {
        return (first & 0xff) << 8 | (second & 0xff);
    }

    /**
     * Whether {@code content[0..length)} is text (no NUL byte in its first {@value #BINARY_SNIFF} bytes) that holds a marker.
     * The NUL check rides on the same pass: every pair with a NUL byte is in the table too.
     */
    static boolean textWithMarker(byte[] content, int length) {
        int last = length - 1;
        if (last >= 0 && last < BINARY_SNIFF && length % 2 == 1 && content[last] == 0) {
            return false; // the one byte no pair covers
        }
        int i = 0;
        // Eight bytes a turn, loaded as one long, their four pairs looked up together; only a word with a hit is
        // looked at pair by pair. With C1 this takes a third less time than a pair a turn (fewer loads and
        // bounds checks; docs/benchmarks.md, "Image scan").
        for (; i + 7 < length; i += 8) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(content, i);
            if ((PAIRS[(int) ((word & 0xff) << 8 | (word >>> 8) & 0xff)]
                    | PAIRS[(int) ((word >>> 8) & 0xff00 | (word >>> 24) & 0xff)]
                    | PAIRS[(int) ((word >>> 24) & 0xff00 | (word >>> 40) & 0xff)]
                    | PAIRS[(int) ((word >>> 40) & 0xff00 | (word >>> 56) & 0xff)]) != 0) {
                for (int at = i; at < i + 8; at += 2) {
                    int verdict = pairVerdict(content, length, at);
                    if (verdict != GO_ON) {
                        return verdict == MARKER;
                    }
                }
            }
        }
        for (; i < last; i += 2) {
            int verdict = pairVerdict(content, length, i);
            if (verdict != GO_ON) {
                return verdict == MARKER;
            }
        }
        return false;
    }

    private static final int GO_ON = 0;
    private static final int MARKER = 1;
    private static final int BINARY = 2;

    /** What the pair at {@code i} says: nothing yet, a marker starts at or just before it in text, or binary content. */
    private static int pairVerdict(byte[] content, int length, int i) {
        if (PAIRS[pair(content[i], content[i + 1])] == 0) {
            return GO_ON;
        }
        if (i + 1 < BINARY_SNIFF && (content[i] == 0 || content[i + 1] == 0)) {
            return BINARY;
        }
        if (markerAt(content, length, i) || i > 0 && markerAt(content, length, i - 1)) {
            return isBinary(content, length, i) ? BINARY : MARKER;
        }
        return GO_ON;
    }

    /** The first {@value #BINARY_SNIFF} bytes decide whether a file is binary. */
    static final int BINARY_SNIFF = 8192;

    /** Whether a NUL byte is in the first {@value #BINARY_SNIFF} bytes, looking from {@code from} on. */
    static boolean isBinary(byte[] content, int length, int from) {
        for (int i = from; i < Math.min(length, BINARY_SNIFF); i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean markerAt(byte[] content, int length, int at) {
        for (byte[] literal : LITERAL_BYTES) {
            if (startsWith(content, length, at, literal)) {
                return true;
            }
        }
        // GitHub's classic tokens are "gh?_" ("gh" alone is too common in prose to be a marker); "github_pat_" is a literal.
        return content[at] == 'g' && content[at + 1] == 'h' && at + 3 < length && content[at + 3] == '_';
    }

    private static boolean startsWith(byte[] content, int length, int at, byte[] literal) {
        if (at + literal.length > length) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (content[at + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }
}
