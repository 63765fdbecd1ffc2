package io.mlship.core.scan.layer;

import java.util.ArrayDeque;

/**
 * Byte arrays for the contents of files being analysed, handed back after analysis and reused. A scan reads
 * thousands of small files (about 160 MiB of Python sources in the benchmark image); a new array for each
 * was zeroed by the JVM, touched fresh heap pages and filled the young generation again and again. Reused
 * arrays stay in the CPU caches. Capacities are powers of two from {@link #MIN} to {@link #MAX_POOLED}; larger
 * files get an array of their own. At most {@link #MAX_FREE_BYTES} are kept free.
 */
final class ContentBuffers {

    static final int MIN = 4 << 10;
    static final int MAX_POOLED = 1 << 20;
    static final int MAX_FREE_BYTES = 8 << 20;

    /** Free arrays by capacity: index k holds arrays of {@code MIN << k} bytes. */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<byte[]>[] free = new ArrayDeque[Integer.numberOfTrailingZeros(MAX_POOLED / MIN) + 1];
    private long freeBytes;

    ContentBuffers() {
        for (int k = 0; k < free.length; k++) {
            free[k] = new ArrayDeque<>();
        }
    }

    /** An array of at least {@code size} bytes; what it held before is not cleared. */
    synchronized byte[] take(int size) {
        if (size > MAX_POOLED) {
            return new byte[size];
        }
        int k = bucket(size);
        byte[] buffer = free[k].pollLast();
        if (buffer == null) {
            return new byte[MIN << k];
        }
        freeBytes -= buffer.length;
        return buffer;
    }

    /** Gives an array from {@link #take} back for reuse. */
    synchronized void give(byte[] buffer) {
        if (buffer.length > MAX_POOLED || buffer.length < MIN || Integer.bitCount(buffer.length) != 1
                || freeBytes + buffer.length > MAX_FREE_BYTES) {
            return; // not one of ours, or enough kept: the collector takes it
        }
        free[bucket(buffer.length)].addLast(buffer);
        freeBytes += buffer.length;
    }

    private static int bucket(int size) {
        int capacity = Math.max(MIN, Integer.highestOneBit(Math.max(1, size - 1)) << 1);
        return Integer.numberOfTrailingZeros(capacity / MIN);
    }
}
