package io.mlship.core.scan.layer;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.LargeFile;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.analyzer.Findings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one layer blob holds, as far as the scan cares: findings keyed by path, the paths it writes and the
 * whiteouts it carries (so that a later layer can hide findings of an earlier one), file count and size,
 * its largest files and the package-manager caches in it.
 */
public final class LayerContent implements Findings {

    static final int LARGEST_KEPT = 10;

    private final String blob;
    private final List<InstalledPackage> packages = new ArrayList<>();
    private final List<SecretFinding> secrets = new ArrayList<>();
    private final List<String> skips = new ArrayList<>();
    private String unreadable;
    private final PathHashes written = new PathHashes();
    private final Set<String> whiteouts = new HashSet<>();
    private final Set<String> opaqueDirectories = new HashSet<>();
    private final Map<String, long[]> caches = new LinkedHashMap<>();
    private final PriorityQueue<LargeFile> largest = new PriorityQueue<>(Comparator.comparingLong(LargeFile::bytes));
    private long files;
    private long bytes;

    private final Consumer<InstalledPackage> onPackage;

    public LayerContent(String blob) {
        this(blob, pkg -> { });
    }

    /** @param onPackage told of each package as soon as it is found (the scan starts loading its advisories) */
    public LayerContent(String blob, Consumer<InstalledPackage> onPackage) {
        this.blob = blob;
        this.onPackage = onPackage;
    }

    @Override
    public void pkg(InstalledPackage pkg) {
        packages.add(pkg);
        onPackage.accept(pkg);
    }

    @Override
    public void secret(SecretFinding secret) {
        secrets.add(secret);
    }

    @Override
    public void skip(String reason) {
        skips.add(reason);
    }

    void file(String path, long size) {
        written.add(path);
        files++;
        bytes += size;
        if (largest.size() < LARGEST_KEPT || largest.peek().bytes() < size) {
            largest.add(new LargeFile(path, -1, size));
            if (largest.size() > LARGEST_KEPT) {
                largest.poll();
            }
        }
        PackageCaches.kindOf(path).ifPresent(kind -> {
            long[] tally = caches.computeIfAbsent(kind, k -> new long[2]);
            tally[0]++;
            tally[1] += size;
        });
    }

    void otherEntry(String path) {
        written.add(path);
    }

    void whiteout(String path) {
        whiteouts.add(path);
    }

    void opaque(String directory) {
        opaqueDirectories.add(directory);
    }

    /** Whether this layer, laid over a lower one, hides the lower layer's file at {@code path}. */
    public boolean hides(String path) {
        if (written.contains(path) || whiteouts.contains(path)) {
            return true;
        }
        for (String dir = LayerPath.parent(path); ; dir = LayerPath.parent(dir)) {
            if (whiteouts.contains(dir) || opaqueDirectories.contains(dir)) {
                return true;
            }
            if (dir.equals("/")) {
                return false;
            }
        }
    }

    public String blob() {
        return blob;
    }

    public List<InstalledPackage> packages() {
        return packages;
    }

    public List<SecretFinding> secrets() {
        return secrets;
    }

    /** The layer blob itself could not be read to its end: the scan fails closed on it (see GateVerdict). */
    public void unreadable(String reason) {
        unreadable = reason;
    }

    /** Why this layer was not read whole, or null when it was. */
    public String unreadable() {
        return unreadable;
    }

    public List<String> skips() {
        return skips;
    }

    public long files() {
        return files;
    }

    public long bytes() {
        return bytes;
    }

    public List<LargeFile> largestFiles() {
        return largest.stream().sorted(Comparator.comparingLong(LargeFile::bytes).reversed()).toList();
    }

    /** Cache kind → {files, bytes}. */
    public Map<String, long[]> caches() {
        return caches;
    }
}
