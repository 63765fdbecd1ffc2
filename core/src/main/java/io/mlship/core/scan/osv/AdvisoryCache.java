package io.mlship.core.scan.osv;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Advisories already parsed from a database's package folders, kept between scans in one file per database
 * (under {@code $XDG_CACHE_HOME/mlship}, else {@code ~/.cache/mlship}; never inside the database), so that a
 * scan does not parse the same few hundred YAML files again (about 1 s of CPU for tensorflow and Pillow).
 * Each folder's entry is keyed by a fingerprint of its advisory files' names, sizes and modification times
 * (the full text, compared exactly):
 * a folder whose files changed in any of these is parsed again, so the cache never gives what the files no
 * longer say. The file is rewritten atomically (a temp file moved over it), so concurrent scans at worst
 * parse again; an unreadable or foreign cache file is ignored and replaced.
 */
final class AdvisoryCache {

    /** Bump when OsvDocumentReader or OsvAdvisory changes what an advisory is read as: old caches are then ignored. */
    static final int FORMAT = 2;
    private static final int MAGIC = 0x4d4c4f43; // "MLOC"
    /** Where the cache goes, for tests and for machines whose home is not writable. */
    static final String DIRECTORY_PROPERTY = "mlship.cacheDir";

    private final Path file;
    private final String database;
    private Map<String, Entry> entries;
    private boolean changed;

    private record Entry(String fingerprint, List<OsvAdvisory> advisories) {
    }

    private AdvisoryCache(Path file, String database) {
        this.file = file;
        this.database = database;
    }

    /** A cache that keeps nothing (no cache folder could be found, or it lies inside the database). */
    static AdvisoryCache none() {
        return new AdvisoryCache(null, "");
    }

    /** The cache of the database folder {@code root} (as given to --db), kept in {@code directory}. */
    static AdvisoryCache of(Path root, Path directory) {
        Path database = root.toAbsolutePath().normalize();
        if (directory == null || directory.toAbsolutePath().normalize().startsWith(database)) {
            return none();
        }
        // The name only spreads databases over files; the path stored inside decides whether a file is this one's.
        String name = "osv-" + Long.toHexString(fnv1a64(database.toString())) + ".cache";
        return new AdvisoryCache(directory.resolve(name), database.toString());
    }

    /** {@code -Dmlship.cacheDir}, else {@code $XDG_CACHE_HOME/mlship}, else {@code ~/.cache/mlship}; null when none is known. */
    static Path defaultDirectory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "mlship");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache", "mlship");
    }

    Path file() {
        return file;
    }

    /** The advisories cached for a folder, when its fingerprint is still the one they were parsed at. */
    synchronized Optional<List<OsvAdvisory>> get(String folder, String fingerprint) {
        Entry entry = entries().get(folder);
        return entry != null && entry.fingerprint().equals(fingerprint) ? Optional.of(entry.advisories()) : Optional.empty();
    }

    /** Reads the cache file now (otherwise the first {@link #get} does), so that a scan can do it while it reads the image. */
    synchronized void load() {
        entries();
    }

    synchronized void put(String folder, String fingerprint, List<OsvAdvisory> advisories) {
        if (file != null) {
            entries().put(folder, new Entry(fingerprint, List.copyOf(advisories)));
            changed = true;
        }
    }

    /** Writes the cache when a folder was parsed; a cache that cannot be written only costs the next scan time. */
    synchronized void save() {
        if (!changed) {
            return;
        }
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream raw = Files.newOutputStream(temp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(database);
                out.writeInt(entries.size());
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    out.writeUTF(e.getKey());
                    writeLong(e.getValue().fingerprint(), out);
                    out.writeInt(e.getValue().advisories().size());
                    for (OsvAdvisory advisory : e.getValue().advisories()) {
                        AdvisoryCodec.write(advisory, out);
                    }
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            changed = false;
        } catch (IOException | RuntimeException e) {
            try {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException ignored) {
                // the temp file is named *.tmp; nothing reads it
            }
        }
    }

    private Map<String, Entry> entries() {
        if (entries == null) {
            entries = file == null ? new HashMap<>() : read();
        }
        return entries;
    }

    private Map<String, Entry> read() {
        Map<String, Entry> loaded = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(database)) {
                return new HashMap<>();
            }
            int count = AdvisoryCodec.count(in);
            for (int i = 0; i < count; i++) {
                String folder = in.readUTF();
                String fingerprint = readLong(in);
                int advisories = AdvisoryCodec.count(in);
                OsvAdvisory[] read = new OsvAdvisory[advisories];
                for (int a = 0; a < advisories; a++) {
                    read[a] = AdvisoryCodec.read(in);
                }
                loaded.put(folder, new Entry(fingerprint, List.of(read)));
            }
            return loaded;
        } catch (NoSuchFileException e) {
            return new HashMap<>();
        } catch (IOException | RuntimeException e) {
            return new HashMap<>(); // damaged or from another version: parse again, the next save replaces it
        }
    }

    /** FNV-1a, 64 bits: cheap, and no security provider to load at start-up (unlike MessageDigest). */
    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** A string of any length (writeUTF stops at 64 KiB; a big folder's fingerprint can be longer). */
    private static void writeLong(String text, DataOutputStream out) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLong(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > (64 << 20)) {
            throw new IOException("implausible fingerprint length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("cache file ends inside a fingerprint");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
