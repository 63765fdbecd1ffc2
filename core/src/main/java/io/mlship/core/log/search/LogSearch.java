package io.mlship.core.log.search;

import io.mlship.core.MlshipException;
import io.mlship.core.log.mask.NoiseFilter;
import io.mlship.core.log.store.BlockBloom;
import io.mlship.core.log.store.BlockRow;
import io.mlship.core.log.store.CompressedBlock;
import io.mlship.core.log.store.SegmentWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Finds the lines of a capture directory that match a regular expression, in source and line order.
 * Each source's blocks are searched in parallel: compressed blocks whose trigram filter rules out the
 * regex's required text are skipped without inflating them; the others are scanned with a fast
 * string search for that text, and only lines containing it are matched with the regex.
 */
public final class LogSearch {

    public record Result(long matches, long blocksSearched, long blocksSkipped) {
    }

    /** One unit of work: a block of whole lines of one source. */
    private record Block(CapturedSource source, int segment, Path file, long offset, int bytes, long firstLine,
                         long compressedOffset, int compressedBytes) {
    }

    private LogSearch() {
    }

    /**
     * @param onlySource search just this source (as {@code sources.tsv} names it)
     * @throws MlshipException for an invalid regex, a directory no capture wrote, or an unknown source
     */
    public static Result search(Path directory, String regex, Optional<String> onlySource, Consumer<SearchHit> hits) {
        Pattern pattern = NoiseFilter.compileRule(regex, "search regex");
        List<CapturedSource> sources = CapturedSource.list(directory);
        if (onlySource.isPresent() && sources.stream().noneMatch(s -> s.name().equals(onlySource.get()))) {
            throw new MlshipException("no source `" + onlySource.get() + "` in " + directory + "; it has: "
                    + String.join(", ", sources.stream().map(CapturedSource::name).toList()));
        }
        byte[] literal = RequiredLiteral.of(regex).getBytes(StandardCharsets.UTF_8);
        String latinLiteral = new String(literal, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        long skipped = 0;
        for (CapturedSource source : sources) {
            if (onlySource.isEmpty() || onlySource.get().equals(source.name())) {
                skipped += plan(source, literal, blocks);
            }
        }
        long matches = 0;
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mlship-log-search");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<List<SearchHit>>> window = new ArrayDeque<>();
            int next = 0;
            while (next < blocks.size() || !window.isEmpty()) {
                while (next < blocks.size() && window.size() < threads * 4) {
                    Block block = blocks.get(next++);
                    window.add(pool.submit(() -> scan(block, pattern, latinLiteral)));
                }
                for (SearchHit hit : window.poll().get()) {
                    hits.accept(hit);
                    matches++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("search interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof MlshipException m ? m
                    : new MlshipException("searching " + directory + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(matches, blocks.size(), skipped);
    }

    /** Adds the blocks of a source worth reading; returns how many were ruled out by their filter. */
    private static long plan(CapturedSource source, byte[] literal, List<Block> blocks) {
        List<BlockRow> rows = source.rows();
        long skipped = 0;
        long nextLine = 1;
        int lastSegment = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).segment();
        long activeEnd = 0;
        for (int segment = 1; segment <= lastSegment; segment++) {
            Path file = source.files().locate(segment);
            boolean compressed = file.equals(source.files().compressed(segment));
            boolean closedLast = file.equals(source.files().active()) && Files.isRegularFile(source.files().activeBlocks());
            activeEnd = 0;
            if (compressed || closedLast) { // blocks with trigram filters: skip those that cannot hold the literal
                List<CompressedBlock> table = readTable(compressed ? source.files().blocks(segment) : source.files().activeBlocks());
                for (CompressedBlock b : table) {
                    if (literal.length >= 3 && !BlockBloom.mightContain(b.bloom(), literal)) {
                        skipped++;
                    } else {
                        blocks.add(new Block(source, segment, file, b.offset(), b.bytes(), b.firstLine(),
                                compressed ? b.compressedOffset() : -1, compressed ? b.compressedBytes() : 0));
                    }
                    nextLine = b.firstLine() + b.lines();
                    activeEnd = b.offset() + b.bytes();
                }
                continue;
            }
            for (BlockRow row : rows) {
                if (row.segment() == segment) {
                    blocks.add(new Block(source, segment, file, row.offset(), row.bytes(), row.firstLine(), -1, 0));
                    nextLine = row.firstLine() + row.lines();
                    activeEnd = row.offset() + row.bytes();
                }
            }
        }
        // The current segment may hold lines past the last index row (a capture still running).
        Path active = source.files().locate(lastSegment);
        if (active.equals(source.files().active()) && Files.isRegularFile(active)) {
            try {
                long size = Files.size(active);
                for (long offset = activeEnd; offset < size; offset += SegmentWriter.BLOCK_BYTES) {
                    int bytes = (int) Math.min(SegmentWriter.BLOCK_BYTES, size - offset);
                    blocks.add(new Block(source, lastSegment, active, offset, bytes, offset == activeEnd ? nextLine : -1, -1, 0));
                }
            } catch (IOException e) {
                throw new MlshipException("cannot read " + active + ": " + e, e);
            }
        }
        return skipped;
    }

    private static List<CompressedBlock> readTable(Path table) {
        try {
            return CompressedBlock.readTable(table);
        } catch (IOException e) {
            throw new MlshipException("the block table " + table + " is unreadable: " + e
                    + "; the log itself is intact (read it with zcat or grep)", e);
        }
    }

    private static List<SearchHit> scan(Block block, Pattern pattern, String literal) throws IOException {
        byte[] data = read(block);
        int length = block.compressedOffset() >= 0 ? data.length : block.bytes();
        List<SearchHit> hits = new ArrayList<>();
        String text = new String(data, 0, length, StandardCharsets.ISO_8859_1); // byte-for-byte: UTF-8 literals match as is
        long lineNumber = block.firstLine();
        int counted = 0;
        int at = literal.isEmpty() ? 0 : text.indexOf(literal);
        while (at >= 0 && at < length) {
            int start = text.lastIndexOf('\n', at - 1) + 1;
            int end = text.indexOf('\n', at);
            end = end < 0 ? length : end;
            for (int i = counted; i < start; i++) {
                if (data[i] == '\n') {
                    lineNumber++;
                }
            }
            counted = start;
            String line = new String(data, start, end - start, StandardCharsets.UTF_8);
            if (pattern.matcher(line).find()) {
                hits.add(new SearchHit(block.source().name(), block.firstLine() < 0 ? -1 : lineNumber, line));
            }
            int from = end + 1;
            at = from >= length ? -1 : literal.isEmpty() ? from : text.indexOf(literal, from);
        }
        return hits;
    }

    private static byte[] read(Block block) throws IOException {
        try (FileChannel channel = FileChannel.open(block.file(), StandardOpenOption.READ)) {
            boolean compressed = block.compressedOffset() >= 0;
            int size = compressed ? block.compressedBytes() : block.bytes();
            ByteBuffer buffer = ByteBuffer.allocate(size);
            long position = compressed ? block.compressedOffset() : block.offset();
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // keep reading: a positional read may return less than asked
            }
            if (!compressed) {
                return buffer.array();
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(buffer.array(), 0, buffer.position()), 1 << 16)) {
                return in.readNBytes(block.bytes());
            }
        }
    }
}
