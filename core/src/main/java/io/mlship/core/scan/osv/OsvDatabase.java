package io.mlship.core.scan.osv;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
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
    /** The folder listed for {@link #index}; null when the index was given. */
    private final Path root;
    private Index index;
    private final Map<Path, List<OsvAdvisory>> loaded = new ConcurrentHashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private final AdvisoryCache cache;

    /**
     * What the database holds, from one listing of its folder.
     *
     * @param packageFolders normalised folder name → folders (PyPI normalisation: folder names are lower-case,
     *                       not always normal)
     * @param looseAdvisories the advisories of the files beside the folders
     */
    private record Index(Map<String, List<Path>> packageFolders, List<OsvAdvisory> looseAdvisories) {
    }

    private OsvDatabase(String origin, Path root, Index index, AdvisoryCache cache) {
        this.origin = origin;
        this.root = root;
        this.index = index;
        this.cache = cache;
    }

    public static OsvDatabase empty() {
        return new OsvDatabase("no database", null, new Index(Map.of(), List.of()), AdvisoryCache.none());
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
        return new OsvDatabase("built-in Log4Shell advisories", null, new Index(Map.of(), List.copyOf(advisories)),
                AdvisoryCache.none());
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
        if (!holdsAdvisories(root)) {
            throw new MlshipException("advisory database " + directory + " holds no OSV advisories (.yaml or .json); "
                    + "check the path");
        }
        return new OsvDatabase(directory.toString(), root, null,
                cacheDirectory == null ? AdvisoryCache.none() : AdvisoryCache.of(directory, cacheDirectory));
    }

    /** Whether the folder has a package folder or an advisory file: stops at the first (a full listing is {@link #index}). */
    private static boolean holdsAdvisories(Path root) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                if (Files.isDirectory(child) || isAdvisoryFile(child)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new MlshipException("cannot list advisory database " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists the database folder once, on the first call: a scan calls it at its start on its prefetch thread
     * ({@link #loadCache}), where listing a PyPI database (664 folders, about 20 ms) overlaps the reading.
     */
    private synchronized Index index() {
        if (index == null) {
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
            List<OsvAdvisory> loose = new ArrayList<>();
            for (Path file : looseFiles) {
                readInto(file, loose);
            }
            index = new Index(folders, List.copyOf(loose));
        }
        return index;
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
        Index index = index();
        List<OsvAdvisory> found = new ArrayList<>(index.looseAdvisories());
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
            folders.addAll(index.packageFolders().getOrDefault(key, List.of()));
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
     * Lists the database and reads the advisory cache file now; otherwise the first package looked up does. A
     * scan calls it at the start on its prefetch thread: the cache holds every folder parsed before, and its packages are often found
     * only in the last layer read, when the reading is nearly done.
     */
    public void loadCache() {
        index();
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
            // One broken advisory must not hide the others; it is listed as a skip in the report.
            synchronized (unreadable) {
                unreadable.add(file + ": " + e.getMessage());
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
