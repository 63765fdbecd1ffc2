package io.mlship.core.log.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one index block lives inside a compressed segment (its own gzip member, so it can be
 * inflated alone) and its trigram filter. A segment's table is the file {@code NAME.K.log.gz.blocks}.
 */
public record CompressedBlock(long offset, int bytes, long compressedOffset, int compressedBytes, long firstLine, int lines,
                       byte[] bloom) {

    private static final int MAGIC = 0x4d4c5342; // "MLSB"

    static void writeTable(List<CompressedBlock> blocks, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(blocks.size());
        for (CompressedBlock b : blocks) {
            out.writeLong(b.offset);
            out.writeInt(b.bytes);
            out.writeLong(b.compressedOffset);
            out.writeInt(b.compressedBytes);
            out.writeLong(b.firstLine);
            out.writeInt(b.lines);
            out.write(b.bloom);
        }
    }

    public static List<CompressedBlock> readTable(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not an mlship block table");
            }
            int count = in.readInt();
            List<CompressedBlock> blocks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long offset = in.readLong();
                int bytes = in.readInt();
                long compressedOffset = in.readLong();
                int compressedBytes = in.readInt();
                long firstLine = in.readLong();
                int lines = in.readInt();
                byte[] bloom = new byte[BlockBloom.BYTES];
                in.readFully(bloom);
                blocks.add(new CompressedBlock(offset, bytes, compressedOffset, compressedBytes, firstLine, lines, bloom));
            }
            return blocks;
        }
    }
}
