package io.mlship.core.scan.analyzer;

import java.nio.charset.StandardCharsets;

/**
 * The cheap first look of the secret scan: whether a file's bytes contain a fixed part that every content
 * rule's match holds, so that the rules' patterns only run over files that can match one. One pass over
 * the bytes, no String decoding: each pair of adjacent bytes is looked up in a 64 Kibit table of the
 * markers' first two bytes, and only on a hit are the markers compared. This replaced a dozen
 * {@code String.indexOf} passes, which were the largest per-file cost of a scan (13,000 Python sources in
 * the benchmark image).
 */
final class SecretMarkers {

    /** Fixed parts of the content rules ("ecret"/"ECRET" covers aws_secret_access_key in either case). */
    static final String[] LITERALS = {"-----BEGIN", "KIA", "SIA", "BIA", "CCA", "AIza", "glpat-", "xox", "hf_", "ecret",
        "ECRET"};
    /**
     * GitHub tokens are "gh?_" or "github_pat_" ("gh" alone is too common in prose to be a marker). The former
     * String pre-filter looked for "github_pat_" only where "gh" starts, so it never found one; this one does.
     */
    private static final byte[] GITHUB_PAT = "github_pat_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] LITERAL_BYTES = new byte[LITERALS.length][];
    private static final long[] FIRST_TWO_BYTES = new long[(1 << 16) / 64];

    static {
        for (int i = 0; i < LITERALS.length; i++) {
            LITERAL_BYTES[i] = LITERALS[i].getBytes(StandardCharsets.US_ASCII);
            mark(LITERAL_BYTES[i][0], LITERAL_BYTES[i][1]);
        }
        mark((byte) 'g', (byte) 'h');
        mark(GITHUB_PAT[0], GITHUB_PAT[1]);
    }

    private SecretMarkers() {
    }

    private static void mark(byte first, byte second) {
        int key = pair(first, second);
        FIRST_TWO_BYTES[key >>> 6] |= 1L << key;
    }

    private static int pair(byte first, byte second) {
        return (first & 0xff) << 8 | (second & 0xff);
    }

    /** Whether the content holds any marker (every marker is at least 3 bytes long). */
    static boolean anyIn(byte[] content) {
        int last = content.length - 1;
        for (int i = 0; i < last; i++) {
            int key = pair(content[i], content[i + 1]);
            if ((FIRST_TWO_BYTES[key >>> 6] & 1L << key) != 0 && markerAt(content, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean markerAt(byte[] content, int at) {
        for (byte[] literal : LITERAL_BYTES) {
            if (startsWith(content, at, literal)) {
                return true;
            }
        }
        return content[at] == 'g' && content[at + 1] == 'h' && at + 3 < content.length && content[at + 3] == '_'
                || startsWith(content, at, GITHUB_PAT);
    }

    private static boolean startsWith(byte[] content, int at, byte[] literal) {
        if (at + literal.length > content.length) {
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
