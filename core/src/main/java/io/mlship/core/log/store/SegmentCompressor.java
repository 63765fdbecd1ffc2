package io.mlship.core.log.store;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses rotated segments in the background, so that capture never waits for gzip (and a bulk
 * copy, while it runs, never competes with it: see {@link #hold()}). Each index
 * block becomes its own gzip member (the file is still one valid {@code .gz} for gunzip/zcat) and
 * gets a trigram filter. The plain segment is deleted only after the {@code .gz} and its block table
 * are complete and renamed into place: a crash leaves either the plain file or both, never a gap.
 */
public final class SegmentCompressor implements AutoCloseable {

    /** Segments are independent: on a machine with cores to spare they are compressed side by side. */
    private final ExecutorService worker = Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), r -> {
        Thread t = new Thread(r, "mlship-log-compressor");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final List<Future<?>> pending = new ArrayList<>();
    private final Object holdLock = new Object();
    private int holds;

    synchronized void submit(SegmentFiles files, int segment, List<BlockRow> rows) {
        pending.add(worker.submit(() -> {
            awaitNoHold();
            compress(files, segment, rows);
            return null;
        }));
    }

    /**
     * Writes the trigram filters of the last, uncompressed segment once its source is closed, so that a
     * search can skip its blocks as it skips compressed ones. Small segments are simply read.
     */
    synchronized void submitFilters(SegmentFiles files, List<BlockRow> rows) {
        if (rows.size() < MIN_BLOCKS_FOR_FILTERS) {
            return;
        }
        pending.add(worker.submit(() -> {
            awaitNoHold();
            writeFilters(files, rows);
            return null;
        }));
    }

    /**
     * Holds compression back while a bulk copy runs: on a small machine gzip would take the core the
     * copy needs. Rotated segments wait, complete and uncompressed (search reads them as they are).
     */
    public void hold() {
        synchronized (holdLock) {
            holds++;
        }
    }

    public void release() {
        synchronized (holdLock) {
            holds--;
            holdLock.notifyAll();
        }
    }

    private void awaitNoHold() throws InterruptedException {
        synchronized (holdLock) {
            while (holds > 0) {
                holdLock.wait();
            }
        }
    }

    /** Waits for every submitted segment; the first failure is rethrown (the plain segment is then kept). */
    @Override
    public void close() throws IOException {
        try {
            List<Future<?>> all;
            synchronized (this) {
                all = new ArrayList<>(pending);
            }
            for (Future<?> f : all) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            worker.shutdown();
            try {
                worker.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final int MIN_BLOCKS_FOR_FILTERS = 4;

    static void writeFilters(SegmentFiles files, List<BlockRow> rows) throws IOException {
        Path table = files.activeBlocks();
        Path temp = table.resolveSibling(table.getFileName() + ".tmp");
        List<CompressedBlock> blocks = new ArrayList<>(rows.size());
        try (FileChannel in = FileChannel.open(files.active(), StandardOpenOption.READ)) {
            byte[] data = new byte[0];
            for (BlockRow row : rows) {
                if (data.length < row.bytes()) {
                    data = new byte[row.bytes()];
                }
                readBlock(in, row, data, files.active());
                // A plain block: its "compressed" place is the block itself.
                blocks.add(new CompressedBlock(row.offset(), row.bytes(), row.offset(), row.bytes(), row.firstLine(), row.lines(),
                        BlockBloom.of(data, 0, row.bytes())));
            }
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
            CompressedBlock.writeTable(blocks, out);
        }
        Files.move(temp, table, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void readBlock(FileChannel in, BlockRow row, byte[] data, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, row.bytes());
        long position = row.offset();
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, position);
            if (n < 0) {
                throw new IOException(file + " is shorter than its index says (block at " + row.offset() + ")");
            }
            position += n;
        }
    }

    static void compress(SegmentFiles files, int segment, List<BlockRow> rows) throws IOException {
        Path plain = files.rotated(segment);
        Path gzTemp = files.compressed(segment).resolveSibling(files.compressed(segment).getFileName() + ".tmp");
        Path tableTemp = files.blocks(segment).resolveSibling(files.blocks(segment).getFileName() + ".tmp");
        List<CompressedBlock> blocks = new ArrayList<>(rows.size());
        try (FileChannel in = FileChannel.open(plain, StandardOpenOption.READ);
             CountingOutputStream out = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(gzTemp), 1 << 16))) {
            byte[] data = new byte[0];
            for (BlockRow row : rows) {
                if (data.length < row.bytes()) {
                    data = new byte[row.bytes()];
                }
                readBlock(in, row, data, plain);
                long start = out.count();
                GZIPOutputStream member = new GZIPOutputStream(new NonClosing(out), 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                member.write(data, 0, row.bytes());
                member.close(); // finishes the member and frees its deflater; the file stays open
                blocks.add(new CompressedBlock(row.offset(), row.bytes(), start, (int) (out.count() - start), row.firstLine(),
                        row.lines(), BlockBloom.of(data, 0, row.bytes())));
            }
        }
        try (DataOutputStream table = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tableTemp), 1 << 16))) {
            CompressedBlock.writeTable(blocks, table);
        }
        Files.move(tableTemp, files.blocks(segment), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(gzTemp, files.compressed(segment), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(plain);
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }

    /** Lets a gzip member finish without closing the file underneath. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
