package io.mlship.core.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.scan.InstalledPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Advisories from the cache are the ones parsing gives, and a changed, added or removed file is parsed again. */
class AdvisoryCacheTest {

    @TempDir
    Path temp;

    private static final InstalledPackage DEMO_1_0 = new InstalledPackage("PyPI", "demo", "1.0", "/site/demo", 0);

    private static String advisory(String id, String fixed) {
        return "id: " + id + "\nsummary: demo is broken\naffected:\n- package:\n    name: demo\n    ecosystem: PyPI\n"
                + "  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: \"0\"\n    - fixed: " + fixed + "\n";
    }

    private Path demoDb() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("db/vulns/demo"));
        Files.writeString(folder.resolve("PYSEC-1.yaml"), advisory("PYSEC-1", "1.1"));
        return temp.resolve("db");
    }

    private List<String> affecting(Path db, InstalledPackage pkg) {
        OsvDatabase opened = OsvDatabase.open(db, temp.resolve("cache"));
        List<String> ids = opened.candidates("PyPI", pkg.name()).stream()
                .filter(a -> AdvisoryMatcher.match(pkg, a).isPresent()).map(OsvAdvisory::id).sorted().toList();
        opened.saveCache();
        return ids;
    }

    private long cacheFiles() throws Exception {
        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            return files.filter(f -> f.toString().endsWith(".cache")).count();
        }
    }

    @Test
    void theRealDatabaseReadFromTheCacheEqualsTheParsedOne() throws Exception {
        Path real = OsvDatabaseTest.realDb();
        List<OsvAdvisory> parsed = OsvDatabase.open(real, null).candidates("PyPI", "tensorflow");
        OsvDatabase first = OsvDatabase.open(real, temp.resolve("cache"));
        assertThat(first.candidates("PyPI", "tensorflow")).isEqualTo(parsed);
        first.saveCache();
        assertThat(cacheFiles()).isEqualTo(1);
        List<OsvAdvisory> cached = OsvDatabase.open(real, temp.resolve("cache")).candidates("PyPI", "tensorflow");
        assertThat(cached).hasSizeGreaterThan(200).isEqualTo(parsed);
        try (Stream<Path> inDb = Files.walk(real)) {
            assertThat(inDb.filter(f -> f.toString().endsWith(".cache") || f.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aChangedFileIsParsedAgainEvenWithTheSameSize() throws Exception {
        Path db = demoDb();
        Path file = db.resolve("vulns/demo/PYSEC-1.yaml");
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-1");
        assertThat(affecting(db, DEMO_1_0)).as("from the cache").containsExactly("PYSEC-1");
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, advisory("PYSEC-1", "0.9")); // same size: 1.1 → 0.9, so 1.0 is no longer affected
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
        assertThat(affecting(db, DEMO_1_0)).isEmpty();
    }

    @Test
    void anAddedOrRemovedFileIsSeen() throws Exception {
        Path db = demoDb();
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-1");
        Files.writeString(db.resolve("vulns/demo/PYSEC-2.yaml"), advisory("PYSEC-2", "2.0"));
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-1", "PYSEC-2");
        Files.delete(db.resolve("vulns/demo/PYSEC-1.yaml"));
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-2");
    }

    /** The one cache file the scans so far wrote. */
    private Path cacheFile() throws Exception {
        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            return files.filter(f -> f.toString().endsWith(".cache")).findFirst().orElseThrow();
        }
    }

    @Test
    void aDamagedCacheFileIsIgnoredAndReplaced() throws Exception {
        Path db = demoDb();
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-1");
        Path cacheFile = cacheFile();
        byte[] bytes = Files.readAllBytes(cacheFile);
        Files.write(cacheFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-1");
        assertThat(Files.size(cacheFile)).isEqualTo(bytes.length);
    }

    @Test
    void aCacheFileOfGarbageIsIgnoredWithoutHugeAllocations() throws Exception {
        Path db = demoDb();
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-1");
        Path cacheFile = cacheFile();
        byte[] bytes = Files.readAllBytes(cacheFile);
        int afterHeader = 8 + 2 + ((bytes[8] & 0xff) << 8 | (bytes[9] & 0xff)); // magic, format, the db path
        for (int i = afterHeader; i < bytes.length; i++) {
            bytes[i] = (byte) 0x7f; // every count and length after the header reads as ~2 billion
        }
        Files.write(cacheFile, bytes);
        assertThat(affecting(db, DEMO_1_0)).containsExactly("PYSEC-1");
    }

    @Test
    void aFolderWithABrokenFileIsNotCachedSoItIsReportedEveryTime() throws Exception {
        Path db = demoDb();
        Files.writeString(db.resolve("vulns/demo/broken.yaml"), "id: [unclosed\n");
        for (int run = 0; run < 2; run++) {
            OsvDatabase opened = OsvDatabase.open(db, temp.resolve("cache"));
            assertThat(opened.candidates("PyPI", "demo")).extracting(OsvAdvisory::id).containsExactly("PYSEC-1");
            assertThat(opened.unreadable()).singleElement().asString().contains("broken.yaml");
            opened.saveCache();
        }
    }

    @Test
    void aCacheFolderInsideTheDatabaseIsNeverUsed() throws Exception {
        Path db = demoDb();
        OsvDatabase opened = OsvDatabase.open(db, db.resolve("cache"));
        assertThat(opened.candidates("PyPI", "demo")).hasSize(1);
        opened.saveCache();
        assertThat(db.resolve("cache")).doesNotExist();
    }
}
