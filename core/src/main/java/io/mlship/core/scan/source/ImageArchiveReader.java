package io.mlship.core.scan.source;

import io.mlship.core.MlshipException;
import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.layer.LayerContent;
import io.mlship.core.scan.layer.LayerPath;
import io.mlship.core.scan.layer.LayerReader;
import io.mlship.core.scan.layer.TarHeader;
import io.mlship.core.scan.layer.TarStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads an image archive stream once, front to back. Layers are analyzed as they pass, in whatever order
 * the archive stores them ({@code docker save} puts layers before {@code manifest.json}); the manifest
 * later says which blob is which layer, so nothing is spooled to disk and the image is never unpacked.
 * Blobs are told apart by content: tar, gzip-compressed tar, JSON; anything else is kept as "not a layer".
 */
public final class ImageArchiveReader {

    /** Manifests and configs are small; a larger JSON-looking blob is not kept in memory. */
    static final long MAX_DOCUMENT = 8L << 20;
    private static final int SNIFF = 512;

    private final LayerReader layerReader;
    private final Consumer<InstalledPackage> onPackage;

    public ImageArchiveReader(LayerReader layerReader) {
        this(layerReader, pkg -> { });
    }

    /** @param onPackage told of each package as soon as a layer reveals it, while the archive is still being read */
    public ImageArchiveReader(LayerReader layerReader, Consumer<InstalledPackage> onPackage) {
        this.layerReader = layerReader;
        this.onPackage = onPackage;
    }

    public ImageArchive read(InputStream archiveStream, String source) {
        ImageArchive archive = new ImageArchive();
        CountingInputStream counted = new CountingInputStream(archiveStream);
        TarStream outer = new TarStream(counted);
        String current = "(start of archive)";
        try {
            TarHeader entry;
            while ((entry = outer.next()) != null) {
                current = entry.name();
                String name = LayerPath.normalize(entry.name()).orElse(null);
                if (name == null) {
                    archive.notLayers.put(entry.name(), "entry name points outside the archive; ignored");
                    continue;
                }
                name = name.substring(1);
                if (entry.isSymbolicLink() || entry.isHardLink()) {
                    String target = entry.isSymbolicLink()
                            ? LayerPath.normalize(LayerPath.parent("/" + name) + "/" + entry.linkName()).orElse("/")
                            : LayerPath.normalize(entry.linkName()).orElse("/");
                    archive.links.put(name, target.substring(1));
                } else if (entry.isRegular()) {
                    readBlob(name, entry.size(), outer.content(), archive);
                }
            }
            // Past the end-of-archive blocks: the rest is padding (seeked over for a file, drained for a stream).
            while (counted.skip(1 << 20) > 0 || counted.read() >= 0) {
                continue;
            }
        } catch (IOException | RuntimeException e) {
            throw new MlshipException("image archive " + source + " is corrupt or truncated at entry `" + current + "` ("
                    + e.getMessage() + "); export it again (docker save -o image.tar IMAGE) and check the copy is complete", e);
        }
        archive.bytesRead = counted.count();
        return archive;
    }

    private void readBlob(String name, long size, InputStream entryData, ImageArchive archive) throws IOException {
        // Pushback, not mark/reset: a BufferedInputStream with a mark reads where a skip could seek.
        PushbackInputStream in = new PushbackInputStream(entryData, SNIFF);
        byte[] head = in.readNBytes(SNIFF);
        in.unread(head);
        BlobKind kind = BlobKind.of(head);
        switch (kind) {
            case JSON -> {
                if (size <= MAX_DOCUMENT) {
                    archive.documents.put(name, in.readAllBytes());
                } else {
                    archive.notLayers.put(name, "JSON document of " + size + " bytes, larger than a manifest can be");
                }
            }
            case TAR, GZIP_TAR -> {
                LayerContent layer = new LayerContent(name, onPackage);
                archive.layers.put(name, layer);
                try {
                    layerReader.read(kind == BlobKind.GZIP_TAR ? new GZIPInputStream(in, 1 << 16) : in, layer);
                } catch (IOException | RuntimeException e) {
                    layer.unreadable(name + ": layer is corrupt or truncated after " + layer.files() + " files ("
                            + e.getMessage() + "); the rest of this layer was not scanned");
                }
            }
            default -> archive.notLayers.put(name, kind.description);
        }
    }

    /** What a blob is, from its first bytes. */
    enum BlobKind {
        JSON("JSON"), TAR("tar"), GZIP_TAR("gzip"), ZSTD("zstd-compressed data, which this version cannot decompress"),
        OTHER("neither a tar layer nor JSON"), EMPTY("empty file");

        final String description;

        BlobKind(String description) {
            this.description = description;
        }

        static BlobKind of(byte[] head) {
            if (head.length == 0) {
                return EMPTY;
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return GZIP_TAR;
            }
            if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                    && (head[3] & 0xff) == 0xfd) {
                return ZSTD;
            }
            if (head.length >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
                    && head[261] == 'r') {
                return TAR;
            }
            if (head.length == SNIFF && allZero(head)) {
                return TAR; // an empty layer: only the end-of-archive blocks
            }
            for (byte b : head) {
                if (!Character.isWhitespace(b)) {
                    return b == '{' || b == '[' ? JSON : OTHER;
                }
            }
            return OTHER;
        }

        private static boolean allZero(byte[] bytes) {
            for (byte b : bytes) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Counts the archive bytes the scan consumed, for the throughput figure. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        long count() {
            return count;
        }
    }
}
