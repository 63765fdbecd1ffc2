package io.mlship.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mlship.core.MlshipException;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.scan.service.ScanService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken archives: a clear error or a reported skip, never a crash, a hang or a write outside temp. */
class ScanBadInputTest {

    static final DockerEndpoint NO_DOCKER = new DockerEndpoint("unix:///nonexistent.sock", "archives need no daemon");

    @TempDir
    Path temp;

    private ScanResult scan(byte[] archive) throws IOException {
        Path file = Files.write(temp.resolve("image-" + System.nanoTime() + ".tar"), archive);
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> ScanService.run(NO_DOCKER, ScanRequest.forArchive(file).build(), LogSink.discarding()));
    }

    private MlshipException failure(byte[] archive) throws IOException {
        Path file = Files.write(temp.resolve("bad-" + System.nanoTime() + ".tar"), archive);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                ScanService.run(NO_DOCKER, ScanRequest.forArchive(file).build(), LogSink.discarding());
            } catch (MlshipException e) {
                return e;
            }
            throw new AssertionError("expected a clear error for " + file);
        });
    }

    @Test
    void aTruncatedArchiveIsAClearError() throws IOException {
        byte[] good = TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, TestArchives.layer(TestArchives.files(
                "usr/lib/python3/site-packages/six-1.0.dist-info/METADATA", TestArchives.metadata("six", "1.0"),
                "big.bin", "x".repeat(20000))));
        MlshipException e = failure(Arrays.copyOf(good, good.length / 2 + 100));
        assertThat(e.getMessage()).contains("corrupt or truncated").contains("docker save");
    }

    @Test
    void somethingThatIsNoImageArchiveIsAClearError() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        assertThat(failure(noise).getMessage()).containsAnyOf("not an image archive", "corrupt or truncated");
        assertThat(failure(TestArchives.tar(java.util.Map.of("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)))).getMessage())
                .contains("neither manifest.json").contains("index.json");
        assertThatThrownBy(() -> ScanService.run(NO_DOCKER, ScanRequest.forArchive(temp.resolve("missing.tar")).build(),
                LogSink.discarding())).isInstanceOf(MlshipException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aWrongAdvisoryDatabaseIsAClearError() throws IOException {
        Path file = Files.write(temp.resolve("image.tar"), TestArchives.dockerArchive(TestArchives.ROOT_CONFIG,
                TestArchives.layer(TestArchives.files("usr/lib/python3/site-packages/six-1.0.dist-info/METADATA",
                        TestArchives.metadata("six", "1.0")))));
        Path emptyDb = Files.createDirectory(temp.resolve("empty-db"));
        assertThatThrownBy(() -> ScanService.run(NO_DOCKER, ScanRequest.forArchive(file).database(temp.resolve("no-such-db")).build(),
                LogSink.discarding())).isInstanceOf(MlshipException.class).hasMessageContaining("is not a directory")
                .hasMessageContaining("--db");
        assertThatThrownBy(() -> ScanService.run(NO_DOCKER, ScanRequest.forArchive(file).database(emptyDb).build(), LogSink.discarding()))
                .isInstanceOf(MlshipException.class).hasMessageContaining("holds no OSV advisories");
    }

    @Test
    void pathTraversalEntriesAreSkippedAndNothingIsWritten() throws IOException {
        byte[] layer = TestArchives.layer(TestArchives.files(
                "../../escaped-by-scan", "evil", "./../etc/evil2", "evil",
                "usr/lib/python3/site-packages/a/../six-1.0.dist-info/METADATA", TestArchives.metadata("six", "1.0")));
        ScanResult result = scan(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, layer));

        assertThat(result.skipped()).anyMatch(s -> s.contains("`../../escaped-by-scan` points outside the image root"))
                .anyMatch(s -> s.contains("`./../etc/evil2` points outside"));
        assertThat(result.packages()).extracting(InstalledPackage::path)
                .containsExactly("/usr/lib/python3/site-packages/six-1.0.dist-info/METADATA");
        // Where the entries would land if extracted from the archive's or the working folder: nothing there.
        for (Path base : List.of(temp, temp.getParent(), Path.of("").toAbsolutePath())) {
            assertThat(base.resolve("../../escaped-by-scan").normalize()).doesNotExist();
            assertThat(base.resolve("../etc/evil2").normalize()).doesNotExist();
        }
        assertThat(Path.of("/etc/evil2")).doesNotExist();
        try (Stream<Path> inTemp = Files.list(temp)) {
            assertThat(inTemp.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("image-"));
        }
    }

    @Test
    void symlinkLoopsAreNotFollowed() throws IOException {
        byte[] layer = TestArchives.layer(TestArchives.files("loop/a", "->b", "loop/b", "->a", "loop/self", "->.",
                "usr/lib/python3/site-packages/six-1.0.dist-info/METADATA", TestArchives.metadata("six", "1.0"),
                "usr/lib/python3/site-packages/link.dist-info", "->six-1.0.dist-info",
                "usr/lib/python3/site-packages/evil-1.0.dist-info/METADATA", "->/etc/passwd"));
        ScanResult result = scan(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, layer));
        assertThat(result.packages()).extracting(InstalledPackage::name).containsExactly("six");
        assertThat(result.skipped()).as("a symlink is no file to analyze").isEmpty();
        assertThat(result.layers().get(0).files()).isEqualTo(1);
    }

    @Test
    void unknownMediaTypesAndUnreadableLayersAreReportedSkips() throws IOException {
        byte[] good = TestArchives.layer(TestArchives.files("usr/lib/python3/site-packages/six-1.0.dist-info/METADATA",
                TestArchives.metadata("six", "1.0")));
        byte[] other = TestArchives.layer(TestArchives.files("usr/lib/python3/site-packages/pip-1.0.dist-info/METADATA",
                TestArchives.metadata("pip", "1.0")));
        ScanResult result = scan(TestArchives.ociLayout(
                List.of("application/vnd.oci.image.layer.v1.tar+gzip", "application/vnd.example.weird.layer"),
                List.of(good, other)));
        assertThat(result.packages()).extracting(InstalledPackage::name).containsExactly("six");
        assertThat(result.skipped()).anyMatch(s -> s.contains("media type `application/vnd.example.weird.layer`"));

        byte[] zstd = new byte[600];
        zstd[0] = 0x28;
        zstd[1] = (byte) 0xb5;
        zstd[2] = 0x2f;
        zstd[3] = (byte) 0xfd;
        ScanResult zstdResult = scan(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, good, zstd));
        assertThat(zstdResult.packages()).extracting(InstalledPackage::name).containsExactly("six");
        assertThat(zstdResult.skipped()).anyMatch(s -> s.contains("zstd"));
    }

    @Test
    void aLayerTruncatedInsideAHugeFileIsASkipAndTheOtherLayersAreStillScanned() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, 512);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry huge = new TarArchiveEntry("model/weights.bin");
        huge.setSize(50L << 30); // claims 50 GiB, holds 4 KiB
        tar.putArchiveEntry(huge);
        tar.write(new byte[4096]);
        tar.flush();
        byte[] truncatedLayer = bytes.toByteArray();
        byte[] good = TestArchives.layer(TestArchives.files("usr/lib/python3/site-packages/six-1.0.dist-info/METADATA",
                TestArchives.metadata("six", "1.0")));

        ScanResult result = scan(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, truncatedLayer, good));
        assertThat(result.packages()).extracting(InstalledPackage::name).containsExactly("six");
        assertThat(result.skipped()).anyMatch(s -> s.contains("corrupt or truncated"));
    }

    @Test
    void ociLayoutWithGzipLayersIsScanned() throws IOException {
        byte[] layer = TestArchives.layer(TestArchives.files(
                "opt/conda/lib/python3.11/site-packages/Py_YAML-5.3.dist-info/METADATA", TestArchives.metadata("PyYAML", "5.3"),
                "var/lib/dpkg/status", "Package: openssl\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u2\n\n"
                        + "Package: removed\nStatus: deinstall ok config-files\nVersion: 1.0\n",
                "lib/apk/db/installed", "C:Q1abc\nP:musl\nV:1.2.4-r2\nA:x86_64\n\nP:zlib\nV:1.3.1-r0\n"));
        ScanResult result = scan(TestArchives.ociLayout(List.of("application/vnd.oci.image.layer.v1.tar+gzip"), List.of(layer)));
        assertThat(result.image()).isEqualTo("test/oci:1");
        assertThat(result.packages()).extracting(p -> p.ecosystem() + ":" + p.name() + "@" + p.version())
                .containsExactlyInAnyOrder("PyPI:pyyaml@5.3", "Debian:openssl@3.0.11-1~deb12u2", "Alpine:musl@1.2.4-r2",
                        "Alpine:zlib@1.3.1-r0");
        assertThat(result.hygiene()).extracting(HygieneFinding::kind).doesNotContain("runs-as-root", "no-healthcheck");
    }

    private ScanResult scanGated(byte[] archive, Path database) throws IOException {
        Path file = Files.write(temp.resolve("image-" + System.nanoTime() + ".tar"), archive);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ScanService.run(NO_DOCKER,
                ScanRequest.builder().archive(file).database(database).failOn(Severity.MEDIUM).build(), LogSink.discarding()));
    }

    private static byte[] sixLayer() throws IOException {
        return TestArchives.layer(TestArchives.files("usr/lib/python3/site-packages/six-1.0.dist-info/METADATA",
                TestArchives.metadata("six", "1.0")));
    }

    @Test
    void aManifestNamingLayersTheArchiveDoesNotHoldFailsClosed() throws IOException {
        byte[] archive = TestArchives.tar(new java.util.LinkedHashMap<>(java.util.Map.of(
                "config.json", TestArchives.ROOT_CONFIG.getBytes(StandardCharsets.UTF_8),
                "manifest.json", ("[{\"Config\":\"config.json\",\"RepoTags\":[\"test/evil:1\"],"
                        + "\"Layers\":[\"../../../../etc/hostname\",\"sha256/absent/layer.tar\"]}]")
                        .getBytes(StandardCharsets.UTF_8))));
        ScanResult gated = scanGated(archive, null);
        assertThat(gated.passed()).as("a gate must never pass what it did not read").isFalse();
        assertThat(gated.gate().incomplete()).isTrue();
        assertThat(gated.gate().notScanned()).anyMatch(s -> s.contains("../../../../etc/hostname") && s.contains("missing"))
                .anyMatch(s -> s.contains("sha256/absent/layer.tar"));
        assertThat(gated.skipped()).containsAll(gated.gate().notScanned());
        ScanResult ungated = scan(archive);
        assertThat(ungated.passed()).as("no gate asked for, still not a clean scan").isFalse();
    }

    @Test
    void aManifestWithoutLayersFailsClosed() throws IOException {
        byte[] none = TestArchives.tar(new java.util.LinkedHashMap<>(java.util.Map.of(
                "config.json", TestArchives.ROOT_CONFIG.getBytes(StandardCharsets.UTF_8),
                "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[]}]".getBytes(StandardCharsets.UTF_8))));
        assertThat(scanGated(none, null).gate().notScanned()).anyMatch(s -> s.contains("lists no layers"));
        byte[] notAList = TestArchives.tar(new java.util.LinkedHashMap<>(java.util.Map.of(
                "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":\"x\"}]".getBytes(StandardCharsets.UTF_8))));
        assertThat(failure(notAList).getMessage()).contains("no \"Layers\" list");
        byte[] numbers = TestArchives.tar(new java.util.LinkedHashMap<>(java.util.Map.of(
                "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[42]}]".getBytes(StandardCharsets.UTF_8))));
        assertThat(scanGated(numbers, null).gate().notScanned()).anyMatch(s -> s.contains("not a file name (42)"));
    }

    @Test
    void anUnreadableLayerFailsTheGateWithWhatWasNotScanned() throws IOException {
        byte[] good = sixLayer();
        byte[] truncated = TestArchives.gzip(Arrays.copyOf(good, good.length / 2));
        ScanResult result = scanGated(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, good,
                Arrays.copyOf(truncated, truncated.length - 20)), null);
        assertThat(result.passed()).isFalse();
        assertThat(result.gate().notScanned()).singleElement().asString().contains("corrupt or truncated")
                .contains("was not scanned");

        byte[] zstd = new byte[600];
        zstd[0] = 0x28;
        zstd[1] = (byte) 0xb5;
        zstd[2] = 0x2f;
        zstd[3] = (byte) 0xfd;
        ScanResult zstdResult = scanGated(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, good, zstd), null);
        assertThat(zstdResult.passed()).isFalse();
        assertThat(zstdResult.gate().notScanned()).anyMatch(s -> s.contains("zstd"));

        ScanResult weird = scanGated(TestArchives.ociLayout(List.of("application/vnd.oci.image.layer.v1.tar+gzip",
                "application/vnd.example.weird.layer"), List.of(good, good)), null);
        assertThat(weird.passed()).isFalse();
        assertThat(weird.gate().notScanned()).anyMatch(s -> s.contains("application/vnd.example.weird.layer"));
    }

    @Test
    void aWellFormedImageStillPassesTheGate() throws IOException {
        ScanResult result = scanGated(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, sixLayer()), null);
        assertThat(result.gate().notScanned()).isEmpty();
        assertThat(result.passed()).isTrue();
    }

    @Test
    void aBrokenAdvisoryFileIsNamedWithItsLineAndFailsTheScan() throws IOException {
        Path db = Files.createDirectories(temp.resolve("db/six"));
        Files.writeString(db.resolve("GOOD-1.yaml"), "id: GOOD-1\naffected:\n  - package: {ecosystem: PyPI, name: six}\n"
                + "    versions: ['0.9']\n");
        Files.writeString(db.resolve("BAD-1.yaml"), "id: BAD-1\naffected:\n  - package: {ecosystem: PyPI, name: six\n"
                + "    versions: [1.0\n");
        Files.writeString(db.resolve("BAD-2.json"), "{\"id\": \"BAD-2\",\n \"affected\": [,]}\n");
        ScanResult result = scanGated(TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, sixLayer()), temp.resolve("db"));
        assertThat(result.passed()).isFalse();
        assertThat(result.gate().notScanned()).hasSize(2)
                .anyMatch(s -> s.contains("BAD-1.yaml line ") && s.contains("fix or remove the file"))
                .anyMatch(s -> s.contains("BAD-2.json line 2 column"))
                .allMatch(s -> !s.contains("\n") && !s.contains("Source:") && !s.contains("^"));
    }
}
