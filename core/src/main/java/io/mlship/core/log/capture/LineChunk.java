package io.mlship.core.log.capture;

import java.util.Arrays;

/**
 * A buffer of whole lines read from a stream, with where each line starts and ends and its
 * {@link io.mlship.core.log.classify.LineClassifier} flags: what {@link ChunkReader} hands to the thread that stores the lines.
 */
final class LineChunk {

    final byte[] bytes;
    int[] starts = new int[4096];
    int[] ends = new int[4096];
    int[] flags = new int[4096];
    int lines;
    /** The input had nothing more at hand after this chunk: store it to disk now. */
    boolean inputPaused;
    /** The stream ended (or failed) after this chunk. */
    boolean last;
    /** Why the stream failed, when it did; the chunk holds what was read before. */
    Exception failure;
    long bytesReadSoFar;

    LineChunk(int size) {
        this.bytes = new byte[size];
    }

    void reset() {
        lines = 0;
        inputPaused = false;
        last = false;
        failure = null;
    }

    void add(int start, int end, int lineFlags) {
        if (lines == starts.length) {
            starts = Arrays.copyOf(starts, lines * 2);
            ends = Arrays.copyOf(ends, lines * 2);
            flags = Arrays.copyOf(flags, lines * 2);
        }
        starts[lines] = start;
        ends[lines] = end;
        flags[lines++] = lineFlags;
    }
}
