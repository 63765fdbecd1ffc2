package io.mlship.core.scan.osv;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An offline OSV advisory database: a directory of {@code .yaml}/{@code .json} advisories, either one
 * folder per package ({@code [vulns/]<package>/<ID>.yaml}, the PyPA layout; loaded lazily, only for the
 * packages an image holds) or loose files (all loaded once). The {@code affected[].package.name} of each
 * advisory decides which package it is about; folder names only say where to look.
 */
public final class OsvDatabase {

    /** Log4Shell family (CVE-2021-44228, -45046, -45105, -44832) as OSV advisories for Maven log4j-core. */
    static final String BUILT_IN = "log4shell.json";

    private final String origin;
    /** Normalised folder name → folders (PyPI normalisation: folder names are lower-case, not always normal). */
    private final Map<String, List<Path>> packageFolders;
    private final List<OsvAdvisory> looseAdvisories;
    private final Map<Path, List<OsvAdvisory>> loaded = new ConcurrentHashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private final AdvisoryCache cache;

    private OsvDatabase(String origin, Map<String, List<Path>> packageFolders, List<OsvAdvisory> looseAdvisories,
                        AdvisoryCache cache) {
        this.origin = origin;
        this.packageFolders = packageFolders;
        this.looseAdvisories = looseAdvisories;
        this.cache = cache;
    }

    public static OsvDatabase empty() {
        return new OsvDatabase("no database", Map.of(), List.of(), AdvisoryCache.none());
    }

    /** The built-in advisories shipped with mlship (the Log4Shell family), from an OSV resource file. */
    public static OsvDatabase builtIn() {
        List<OsvAdvisory> advisories = new ArrayList<>();
        try (InputStream in = OsvDatabase.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in advisories " + BUILT_IN + " missing from the mlship jar");
            }
            advisories.addAll(OsvDocumentReader.readAll(in, false));
        } catch (IOException e) {
            throw new UncheckedIOException("reading built-in advisories " + BUILT_IN, e);
        }
        return new OsvDatabase("built-in Log4Shell advisories", Map.of(), advisories, AdvisoryCache.none());
    }

    /**
     * Opens a database; package folders already parsed by an earlier scan come from the advisory cache
     * ({@code $XDG_CACHE_HOME/mlship} or {@code ~/.cache/mlship}, see {@link AdvisoryCache}).
     */
    public static OsvDatabase open(Path directory) {
        return open(directory, AdvisoryCache.defaultDirectory());
    }

    /** @param cacheDirectory where parsed package folders are kept between scans; null: parse every time */
    public static OsvDatabase open(Path directory, Path cacheDirectory) {
        if (!Files.isDirectory(directory)) {
            throw new MlshipException("advisory database " + directory + " is not a directory; pass --db with a folder "
                    + "of OSV advisories (e.g. ../shared/data/osv-pypi, or an unzipped osv.dev export)");
        }
        Path root = Files.isDirectory(directory.resolve("vulns")) ? directory.resolve("vulns") : directory;
        Map<String, List<Path>> folders = new HashMap<>();
        List<Path> looseFiles = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isDirectory(child)) {
                    folders.computeIfAbsent(PackageNames.normalize("PyPI", child.getFileName().toString()),
                            k -> new ArrayList<>()).add(child);
                } else if (isAdvisoryFile(child)) {
                    looseFiles.add(child);
                }
            }
        } catch (IOException e) {
            throw new MlshipException("cannot list advisory database " + root + ": " + e.getMessage(), e);
        }
        OsvDatabase db = new OsvDatabase(directory.toString(), folders, new ArrayList<>(),
                cacheDirectory == null ? AdvisoryCache.none() : AdvisoryCache.of(directory, cacheDirectory));
        for (Path file : looseFiles) {
            db.readInto(file, db.looseAdvisories);
        }
        if (folders.isEmpty() && db.looseAdvisories.isEmpty()) {
            throw new MlshipException("advisory database " + directory + " holds no OSV advisories (.yaml or .json); "
                    + "check the path");
        }
        return db;
    }

    private static boolean isAdvisoryFile(Path file) {
        return Files.isRegularFile(file) && hasAdvisoryExtension(file);
    }

    private static boolean hasAdvisoryExtension(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** Every advisory that may concern the package; the matcher checks ecosystem and name exactly. */
    public List<OsvAdvisory> candidates(String ecosystem, String name) {
        List<OsvAdvisory> found = new ArrayList<>(looseAdvisories);
        // Maven names are groupId:artifactId; a per-package folder may be named after either form.
        Set<String> keys = new LinkedHashSet<>();
        keys.add(PackageNames.normalize("PyPI", name));
        if (name.contains(":")) {
            keys.add(PackageNames.normalize("PyPI", name.substring(name.indexOf(':') + 1)));
        }
        // Each folder once (both names of a Maven package may lead to it). Not a distinct() over the advisories:
        // comparing records by value hashes all their ranges and events, and only the bootstrapping of the
        // records' equals and hashCode cost the first lookup of a scan about 20 ms. An advisory found twice
        // under two folders is reported once anyway (VulnerabilityMatcher keeps one finding per id and path).
        Set<Path> folders = new LinkedHashSet<>();
        for (String key : keys) {
            folders.addAll(packageFolders.getOrDefault(key, List.of()));
        }
        for (Path folder : folders) {
            found.addAll(loaded.computeIfAbsent(folder, this::readFolder));
        }
        return Collections.unmodifiableList(found);
    }

    private List<OsvAdvisory> readFolder(Path folder) {
        List<Path> files = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path file : children.sorted().toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.isRegularFile() && hasAdvisoryExtension(file)) {
                    files.add(file);
                    fingerprint.append(file.getFileName()).append('\0').append(attributes.size()).append('\0')
                            .append(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (unreadable) {
                unreadable.add(folder + ": " + e.getMessage());
            }
            return List.of();
        }
        String folderName = folder.getFileName().toString();
        String key = fingerprint.toString();
        Optional<List<OsvAdvisory>> cached = cache.get(folderName, key);
        if (cached.isPresent()) {
            return cached.get();
        }
        List<OsvAdvisory> advisories = new ArrayList<>();
        boolean allRead = true;
        for (Path file : files) {
            allRead &= readInto(file, advisories);
        }
        if (allRead) {
            cache.put(folderName, key, advisories); // a folder with a broken file is parsed (and reported) every time
        }
        return advisories;
    }

    /**
     * Reads the advisory cache file now; otherwise the first package looked up does. A scan calls it at the
     * start on its prefetch thread: the cache holds every folder parsed before, and its packages are often found
     * only in the last layer read, when the reading is nearly done.
     */
    public void loadCache() {
        cache.load();
    }

    /** Keeps what this scan parsed for the next scans (see {@link AdvisoryCache}); never fails the scan. */
    public void saveCache() {
        cache.save();
    }

    private boolean readInto(Path file, List<OsvAdvisory> into) {
        try (InputStream in = Files.newInputStream(file)) {
            into.addAll(OsvDocumentReader.readAll(in, !file.getFileName().toString().endsWith(".json")));
            return true;
        } catch (IOException | RuntimeException e) {
            // One broken advisory must not hide the others, but the scan fails closed on it (see GateVerdict):
            // named by file and line, without the parser's dump of its own state.
            synchronized (unreadable) {
                unreadable.add(ParseErrors.describe(file, e));
            }
            return false;
        }
    }

    /** Advisory files that could not be read, with the reason. */
    public List<String> unreadable() {
        synchronized (unreadable) {
            return List.copyOf(unreadable);
        }
    }

    public String origin() {
        return origin;
    }
}
