package io.mlship.core.log.view;

import java.nio.charset.StandardCharsets;

/** The last N lines of a source, in reusable arrays (capture sees every line; it must not allocate per line). */
final class TailBuffer {

    interface LineConsumer {
        void accept(long lineNumber, int level, String text);
    }

    private final byte[][] lines;
    private final int[] lengths;
    private final long[] numbers;
    private final int[] levels;
    private int next;
    private int size;

    TailBuffer(int capacity) {
        lines = new byte[capacity][];
        lengths = new int[capacity];
        numbers = new long[capacity];
        levels = new int[capacity];
    }

    void add(long lineNumber, int level, byte[] b, int from, int to) {
        if (lines.length == 0) {
            return;
        }
        int length = to - from;
        if (lines[next] == null || lines[next].length < length) {
            lines[next] = new byte[Math.max(length, 256)];
        }
        System.arraycopy(b, from, lines[next], 0, length);
        lengths[next] = length;
        numbers[next] = lineNumber;
        levels[next] = level;
        next = (next + 1) % lines.length;
        size = Math.min(size + 1, lines.length);
    }

    int size() {
        return size;
    }

    long firstLineNumber() {
        return size == 0 ? Long.MAX_VALUE : numbers[(next - size + lines.length) % lines.length];
    }

    long lastLineNumber() {
        return size == 0 ? -1 : numbers[(next - 1 + lines.length) % lines.length];
    }

    void forEach(LineConsumer consumer) {
        for (int i = 0; i < size; i++) {
            int slot = (next - size + i + lines.length) % lines.length;
            consumer.accept(numbers[slot], levels[slot], new String(lines[slot], 0, lengths[slot], StandardCharsets.UTF_8));
        }
    }
}
