package io.mlship.core.scan.layer;

/**
 * The set of paths a layer writes, held as 64-bit hashes in an open-addressing table: an image with a
 * million files costs 16 MB here instead of the ~150 MB of a {@code HashSet<String>}, which matters
 * under {@code -Xmx256m}. A false "written" needs a 64-bit collision between two paths.
 */
final class PathHashes {

    private long[] table = new long[1024];
    private int size;
    private boolean containsZero;

    static long hash(String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h ^= path.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }

    void add(String path) {
        long h = hash(path);
        if (h == 0) {
            containsZero = true;
            return;
        }
        if (size * 2 >= table.length) {
            grow();
        }
        if (insert(table, h)) {
            size++;
        }
    }

    boolean contains(String path) {
        long h = hash(path);
        if (h == 0) {
            return containsZero;
        }
        int mask = table.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                return false;
            }
            if (table[i] == h) {
                return true;
            }
        }
    }

    private static boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (t[i] == 0) {
                t[i] = h;
                return true;
            }
            if (t[i] == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long h : table) {
            if (h != 0) {
                insert(bigger, h);
            }
        }
        table = bigger;
    }
}
