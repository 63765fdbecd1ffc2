package io.mlship.core.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds many literal "triggers" in a line's bytes, ignoring ASCII case. Capture runs it over every
 * byte it stores, so it is the only per-byte work besides the copy: a sliding three-byte window is
 * looked up in a small bit set of the triggers' first three bytes (no step depends on a memory load
 * of the one before, so the processor overlaps them), and only the rare positions it flags are
 * compared with the triggers. The costly regular expressions then run only on lines it flagged.
 */
final class TriggerScanner {

    /** One literal (at least 3 bytes) and what its presence means (a flag of {@link LineClassifier}). */
    record Trigger(String literal, int flag, boolean wordStart, boolean wordEnd) {
    }

    private static final int HASH_BITS = 16;
    private static final int SHIFT = 32 - HASH_BITS;

    private final long[] firstThree = new long[(1 << HASH_BITS) / 64]; // bit set over hashed folded trigrams
    private final byte[][][] literalsByHash;  // hash -> folded literals starting with such a trigram
    private final Trigger[][] triggersByHash;

    TriggerScanner(List<Trigger> triggers) {
        List<List<Integer>> buckets = new ArrayList<>();
        for (int i = 0; i < 1 << HASH_BITS; i++) {
            buckets.add(null);
        }
        List<byte[]> folded = new ArrayList<>();
        for (int id = 0; id < triggers.size(); id++) {
            byte[] literal = fold(triggers.get(id).literal().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            if (literal.length < 3) {
                throw new IllegalArgumentException("a trigger needs at least 3 bytes: `" + triggers.get(id).literal() + "`");
            }
            folded.add(literal);
            int hash = hash(((literal[0] & 0xff) << 16) | ((literal[1] & 0xff) << 8) | (literal[2] & 0xff));
            firstThree[hash >>> 6] |= 1L << hash;
            if (buckets.get(hash) == null) {
                buckets.set(hash, new ArrayList<>());
            }
            buckets.get(hash).add(id);
        }
        literalsByHash = new byte[1 << HASH_BITS][][];
        triggersByHash = new Trigger[1 << HASH_BITS][];
        for (int hash = 0; hash < 1 << HASH_BITS; hash++) {
            List<Integer> ids = buckets.get(hash);
            if (ids != null) {
                literalsByHash[hash] = ids.stream().map(folded::get).toArray(byte[][]::new);
                triggersByHash[hash] = ids.stream().map(triggers::get).toArray(Trigger[]::new);
            }
        }
    }

    /** The union of the flags of every trigger found in {@code bytes[from, to)}, honouring word boundaries. */
    int scan(byte[] bytes, int from, int to) {
        long[] bits = firstThree;
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

    private int verify(int hash, byte[] bytes, int from, int to, int start) {
        byte[][] literals = literalsByHash[hash];
        Trigger[] triggers = triggersByHash[hash];
        int flags = 0;
        for (int t = 0; t < literals.length; t++) {
            byte[] literal = literals[t];
            int end = start + literal.length;
            if (end > to || !matchesFolded(bytes, start, literal)) {
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
