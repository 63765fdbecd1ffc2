package io.mlship.core.log.store;

/**
 * A Bloom filter over the byte trigrams of one block of stored text (16 KiB per 1 MiB block). A
 * search for a literal skips every compressed block whose filter lacks one of the literal's
 * trigrams, so a rare string is found without inflating the whole log.
 */
public final class BlockBloom {

    static final int BITS = 1 << 17;
    static final int BYTES = BITS / 8;
    private static final int SHIFT = 32 - 17;

    private BlockBloom() {
    }

    static byte[] of(byte[] data, int from, int to) {
        byte[] bloom = new byte[BYTES];
        int trigram = 0;
        for (int i = from; i < to; i++) {
            trigram = ((trigram << 8) | (data[i] & 0xff)) & 0xffffff;
            if (i - from >= 2) {
                set(bloom, (trigram * 0x9E3779B1) >>> SHIFT);
                set(bloom, (trigram * 0x85EBCA77) >>> SHIFT);
            }
        }
        return bloom;
    }

    /** False only when the block certainly does not contain {@code literal} (at least 3 bytes long). */
    public static boolean mightContain(byte[] bloom, byte[] literal) {
        for (int i = 2; i < literal.length; i++) {
            int trigram = ((literal[i - 2] & 0xff) << 16) | ((literal[i - 1] & 0xff) << 8) | (literal[i] & 0xff);
            if (!get(bloom, (trigram * 0x9E3779B1) >>> SHIFT) || !get(bloom, (trigram * 0x85EBCA77) >>> SHIFT)) {
                return false;
            }
        }
        return true;
    }

    private static void set(byte[] bloom, int bit) {
        bloom[bit >>> 3] |= (byte) (1 << (bit & 7));
    }

    private static boolean get(byte[] bloom, int bit) {
        return (bloom[bit >>> 3] & (1 << (bit & 7))) != 0;
    }
}
