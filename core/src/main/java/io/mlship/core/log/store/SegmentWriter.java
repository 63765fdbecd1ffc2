package io.mlship.core.log.store;

import io.mlship.core.log.classify.LineClassifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores one source's lines, all of them, in order: appends to {@code NAME.log}, writes an index row
 * per block of about 1 MiB, and past the rotation size renames the file to {@code NAME.K.log} and hands
 * it to the {@link SegmentCompressor}. Writes go to the file through a {@link ChannelFeeder}, which
 * may do them on its own thread so that capture and disk overlap.
 */
public final class SegmentWriter implements AutoCloseable {

    public static final int BLOCK_BYTES = 1 << 20;

    private final SegmentFiles files;
    private final long rotateBytes;
    private final SegmentCompressor compressor;
    private final BufferedWriter index;
    private final List<BlockRow> segmentRows = new ArrayList<>();
    private ChannelFeeder feeder;
    private int segment = 1;
    private long segmentBytes;
    private long totalBytes;
    private long lines;
    private boolean midLine;

    // the block being filled
    private long blockOffset;
    private int blockBytes;
    private long blockFirstLine = 1;
    private int blockLines;
    private long blockFirstMillis = TimestampPrefix.NONE;
    private long blockLastMillis = TimestampPrefix.NONE;
    // The start of the block's latest line that looks stamped: parsed only when the block ends.
    private final byte[] lastStamp = new byte[40];
    private int lastStampLength;
    private int blockErrors;
    private int blockWarnings;
    private int blockNoise;

    public SegmentWriter(SegmentFiles files, long rotateBytes, SegmentCompressor compressor, boolean background) throws IOException {
        this.files = files;
        this.rotateBytes = rotateBytes;
        this.compressor = compressor;
        Files.createDirectories(files.directory());
        this.index = Files.newBufferedWriter(files.index(), StandardCharsets.UTF_8);
        index.write(BlockRow.HEADER);
        index.write('\n');
        this.feeder = ChannelFeeder.open(files.active(), background);
    }

    /**
     * Stores one line (without its newline). {@code level} is an error/warning flag of {@link LineClassifier};
     * {@code epochMillis} the source's own time stamp, or {@link TimestampPrefix#NONE} to read it from the line.
     */
    public void append(byte[] b, int from, int to, long epochMillis, int level, boolean noise) throws IOException {
        append(b, from, to, epochMillis, level, noise, false);
    }

    /**
     * @param continues the line goes on in the next append (a piece of a line longer than a read buffer): no
     *                  newline is written, and no block or segment ends inside the line
     */
    public void append(byte[] b, int from, int to, long epochMillis, int level, boolean noise, boolean continues) throws IOException {
        int length = to - from + (continues ? 0 : 1);
        if (!midLine && segmentBytes > 0 && segmentBytes + length > rotateBytes) {
            rotate();
        }
        if (!midLine && blockBytes > 0 && blockBytes + length > BLOCK_BYTES) {
            endBlock();
        }
        if (continues) {
            feeder.putPiece(b, from, to);
        } else {
            feeder.put(b, from, to);
        }
        midLine = continues;
        segmentBytes += length;
        totalBytes += length;
        blockBytes += length;
        if (continues) {
            return; // the line, its level and its time are counted with its last piece
        }
        lines++;
        blockLines++;
        if (epochMillis != TimestampPrefix.NONE) {
            if (blockFirstMillis == TimestampPrefix.NONE) {
                blockFirstMillis = epochMillis;
            }
            blockLastMillis = epochMillis;
            lastStampLength = 0;
        } else if (TimestampPrefix.looksStamped(b, from, to)) {
            if (blockFirstMillis == TimestampPrefix.NONE) {
                blockFirstMillis = TimestampPrefix.epochMillis(b, from, to);
            }
            lastStampLength = Math.min(lastStamp.length, to - from); // parsed at the end of the block: one parse per block
            System.arraycopy(b, from, lastStamp, 0, lastStampLength);
        }
        if ((level & LineClassifier.ERROR) != 0) {
            blockErrors++;
        } else if ((level & LineClassifier.WARN) != 0) {
            blockWarnings++;
        }
        if (noise) {
            blockNoise++;
        }
    }

    /** Hands what was appended to the file (and the index rows so far to theirs). */
    public void flush(boolean waitUntilWritten) throws IOException {
        feeder.flush(waitUntilWritten);
        index.flush();
    }

    /** Inside a line stored in pieces (see {@link #append(byte[], int, int, long, int, boolean, boolean)}). */
    public boolean midLine() {
        return midLine;
    }

    public long lines() {
        return lines;
    }

    public long bytes() {
        return totalBytes;
    }

    public int segments() {
        return segment;
    }

    private void endBlock() throws IOException {
        if (blockLines == 0) {
            return;
        }
        if (lastStampLength > 0) {
            long last = TimestampPrefix.epochMillis(lastStamp, 0, lastStampLength);
            blockLastMillis = last != TimestampPrefix.NONE ? last : blockLastMillis;
            lastStampLength = 0;
        }
        BlockRow row = new BlockRow(segment, blockOffset, blockBytes, blockFirstLine, blockLines, blockFirstMillis,
                blockLastMillis, blockErrors, blockWarnings, blockNoise);
        segmentRows.add(row);
        index.write(row.toTsv());
        index.write('\n');
        blockOffset += blockBytes;
        blockFirstLine += blockLines;
        blockBytes = 0;
        blockLines = 0;
        blockFirstMillis = TimestampPrefix.NONE;
        blockLastMillis = TimestampPrefix.NONE;
        blockErrors = 0;
        blockWarnings = 0;
        blockNoise = 0;
    }

    private void rotate() throws IOException {
        endBlock();
        boolean background = feeder.background();
        feeder.close();
        index.flush();
        Files.move(files.active(), files.rotated(segment), StandardCopyOption.ATOMIC_MOVE);
        compressor.submit(files, segment, List.copyOf(segmentRows));
        segmentRows.clear();
        segment++;
        segmentBytes = 0;
        blockOffset = 0;
        feeder = ChannelFeeder.open(files.active(), background);
    }

    @Override
    public void close() throws IOException {
        try {
            endBlock();
            feeder.close();
            compressor.submitFilters(files, List.copyOf(segmentRows));
        } finally {
            index.close();
        }
    }
}
