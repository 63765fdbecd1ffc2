package io.mlship.core.log.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds many literal "triggers" in a line's bytes, ignoring ASCII case. Capture runs it over every
 * byte it stores, so it is the only per-byte work besides the copy: a sliding three-byte window is
 * looked up in a small bit set of each trigger's least common three bytes (no step depends on a
 * memory load of the one before, so the processor overlaps them), and only the rare positions it
 * flags are compared with the triggers. The costly regular expressions then run only on lines it flagged.
 */
final class TriggerScanner {

    /** One literal (at least 3 bytes) and what its presence means (a flag of {@link LineClassifier}). */
    record Trigger(String literal, int flag, boolean wordStart, boolean wordEnd) {
    }

    private static final int HASH_BITS = 16;
    private static final int SHIFT = 32 - HASH_BITS;

    /** Letters and marks frequent in log text: an anchor made of them would flag too many positions. */
    private static final String COMMON = " etaoinsrhldcumfpgywb.:=-/0123456789";
    /** The most frequent English trigrams (and a few of logs): never an anchor when the literal has another. */
    private static final java.util.Set<String> FREQUENT = java.util.Set.of(
            "the", "and", "ing", "ion", "tio", "ent", "ati", "for", "her", "ter", "hat", "tha", "ere", "ate", "his", "con",
            "res", "ver", "all", "ons", "nce", "men", "ith", "ted", "ers", "pro", "thi", "wit", "are", "ess", "not", "ive",
            "was", "ect", "rea", "com", "eve", "per", "int", "est", "sta", "cti", "ica", "ist", "ear", "ain", "one", "our",
            "iti", "rat", "ong", "ell", "lin", "oad", "ead", "req", "equ", "que", "ues", "ser", "erv", "rve", "ved", "ime");

    private final long[] anchors = new long[(1 << HASH_BITS) / 64]; // bit set over hashed folded anchor trigrams
    private final byte[][][] literalsByHash;  // hash -> folded literals whose anchor hashes there
    private final int[][] anchorOffsets;      // hash -> where in each literal its anchor starts
    private final Trigger[][] triggersByHash;

    TriggerScanner(List<Trigger> triggers) {
        List<List<Integer>> buckets = new ArrayList<>();
        for (int i = 0; i < 1 << HASH_BITS; i++) {
            buckets.add(null);
        }
        List<byte[]> folded = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (int id = 0; id < triggers.size(); id++) {
            byte[] literal = fold(triggers.get(id).literal().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            if (literal.length < 3) {
                throw new IllegalArgumentException("a trigger needs at least 3 bytes: `" + triggers.get(id).literal() + "`");
            }
            folded.add(literal);
            int offset = rarestTrigram(literal);
            offsets.add(offset);
            int hash = hash(((literal[offset] & 0xff) << 16) | ((literal[offset + 1] & 0xff) << 8) | (literal[offset + 2] & 0xff));
            anchors[hash >>> 6] |= 1L << hash;
            if (buckets.get(hash) == null) {
                buckets.set(hash, new ArrayList<>());
            }
            buckets.get(hash).add(id);
        }
        literalsByHash = new byte[1 << HASH_BITS][][];
        anchorOffsets = new int[1 << HASH_BITS][];
        triggersByHash = new Trigger[1 << HASH_BITS][];
        for (int hash = 0; hash < 1 << HASH_BITS; hash++) {
            List<Integer> ids = buckets.get(hash);
            if (ids != null) {
                literalsByHash[hash] = ids.stream().map(folded::get).toArray(byte[][]::new);
                anchorOffsets[hash] = ids.stream().mapToInt(offsets::get).toArray();
                triggersByHash[hash] = ids.stream().map(triggers::get).toArray(Trigger[]::new);
            }
        }
    }

    /** Where the literal's least common three bytes start: the scanner looks for those first. */
    private static int rarestTrigram(byte[] literal) {
        int best = 0;
        int bestScore = Integer.MAX_VALUE;
        for (int i = 0; i + 3 <= literal.length; i++) {
            int score = FREQUENT.contains(new String(literal, i, 3, java.nio.charset.StandardCharsets.ISO_8859_1)) ? 1000 : 0;
            for (int k = i; k < i + 3; k++) {
                int at = COMMON.indexOf(literal[k]);
                score += at < 0 ? 0 : COMMON.length() - at;
            }
            if (score < bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /** The union of the flags of every trigger found in {@code bytes[from, to)}, honouring word boundaries. */
    int scan(byte[] bytes, int from, int to) {
        long[] bits = anchors;
        int flags = 0;
        int window = 0;
        for (int i = from; i < to; i++) {
            window = ((window << 8) | (bytes[i] | 0x20) & 0xff) & 0xffffff;
            int hash = hash(window);
            if ((bits[hash >>> 6] & (1L << hash)) != 0 && i - from >= 2) {
                flags |= verify(hash, bytes, from, to, i - 2);
            }
        }
        return flags;
    }

    /** Receives each complete line found by {@link #scanLines}, with its flags. */
    public interface LineReceiver {
        void line(int start, int end, int flags);
    }

    /**
     * Splits {@code bytes[from, to)} at newlines (a carriage return before one is dropped) and hands each
     * complete line with its flags to the receiver, in one pass over the bytes.
     *
     * @return where the unfinished last line starts ({@code to} when the bytes end with a newline)
     */
    int scanLines(byte[] bytes, int from, int to, LineReceiver receiver) {
        long[] bits = anchors;
        int lineStart = from;
        int flags = 0;
        int window = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                receiver.line(lineStart, i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i, flags);
                lineStart = i + 1;
                flags = 0;
                window = 0;
                continue;
            }
            window = ((window << 8) | (b | 0x20) & 0xff) & 0xffffff;
            int hash = hash(window);
            if ((bits[hash >>> 6] & (1L << hash)) != 0 && i - lineStart >= 2) {
                // Bounded by the chunk, not the line (its end is not known yet): a newline never matches a
                // literal's byte, and counts as a word boundary, so no match crosses a line.
                flags |= verify(hash, bytes, lineStart, to, i - 2);
            }
        }
        return lineStart;
    }

    private int verify(int hash, byte[] bytes, int from, int to, int anchorAt) {
        byte[][] literals = literalsByHash[hash];
        int[] offsets = anchorOffsets[hash];
        Trigger[] triggers = triggersByHash[hash];
        int flags = 0;
        for (int t = 0; t < literals.length; t++) {
            byte[] literal = literals[t];
            int start = anchorAt - offsets[t];
            int end = start + literal.length;
            if (start < from || end > to || !matchesFolded(bytes, start, literal)) {
                continue;
            }
            Trigger trigger = triggers[t];
            if (trigger.wordStart() && start > from && isWordByte(bytes[start - 1])) {
                continue;
            }
            if (trigger.wordEnd() && end < to && isWordByte(bytes[end])) {
                continue;
            }
            flags |= trigger.flag();
        }
        return flags;
    }

    private static boolean matchesFolded(byte[] bytes, int start, byte[] literal) {
        for (int k = 0; k < literal.length; k++) {
            if ((byte) (bytes[start + k] | 0x20) != literal[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Case folding by setting bit 5: maps A-Z onto a-z and leaves digits and most punctuation alone. It
     * also merges a few punctuation pairs ({@code @} and a back-quote, say): that only adds candidates,
     * which the comparison, folded the same way, then sorts out.
     */
    private static byte[] fold(byte[] literal) {
        byte[] folded = new byte[literal.length];
        for (int i = 0; i < literal.length; i++) {
            folded[i] = (byte) (literal[i] | 0x20);
        }
        return folded;
    }

    private static int hash(int trigram) {
        return (trigram * 0x9E3779B1) >>> SHIFT;
    }

    private static boolean isWordByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }
}
