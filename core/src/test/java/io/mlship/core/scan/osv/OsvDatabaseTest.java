package io.mlship.core.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real PyPA snapshot read lazily per package, and a loose-file database. */
class OsvDatabaseTest {

    @TempDir
    Path temp;

    static Path realDb() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("../shared/data/osv-pypi"))) {
            dir = dir.getParent();
        }
        return dir.resolve("../shared/data/osv-pypi").normalize();
    }

    @Test
    void readsOnlyThePackagesAskedForWithNamesNormalisedAsPyPiDoes() {
        OsvDatabase db = OsvDatabase.open(realDb());
        assertThat(db.candidates("PyPI", "TensorFlow")).hasSizeGreaterThan(200)
                .allMatch(a -> a.affected().stream().anyMatch(x -> "tensorflow".equalsIgnoreCase(x.name())));
        assertThat(db.candidates("PyPI", "jw_util")).isNotEmpty(); // folder `jw.util`
        assertThat(db.candidates("PyPI", "no-such-package-anywhere")).isEmpty();
        assertThat(db.unreadable()).isEmpty();
    }

    @Test
    void looseAdvisoryFilesAreAllLoadedAndBadOnesListed() throws Exception {
        Files.writeString(temp.resolve("GHSA-1.json"), "{\"id\":\"GHSA-1\",\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\","
                + "\"name\":\"openssl\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1~deb12u1\"}]}]}]}");
        Files.writeString(temp.resolve("broken.yaml"), "id: [unclosed\n");
        OsvDatabase db = OsvDatabase.open(temp);
        var openssl = new io.mlship.core.scan.InstalledPackage("Debian", "openssl", "3.0.11-1~deb12u2", "/var/lib/dpkg/status", 0);
        assertThat(db.candidates("Debian", "openssl")).singleElement()
                .satisfies(a -> assertThat(AdvisoryMatcher.match(openssl, a)).isPresent());
        var patched = new io.mlship.core.scan.InstalledPackage("Debian", "openssl", "3.0.13-1~deb12u1", "/var/lib/dpkg/status", 0);
        assertThat(AdvisoryMatcher.match(patched, db.candidates("Debian", "openssl").get(0))).isEmpty();
        assertThat(db.unreadable()).singleElement().asString().contains("broken.yaml");
        assertThatThrownBy(() -> OsvDatabase.open(temp.resolve("missing"))).isInstanceOf(MlshipException.class)
                .hasMessageContaining("is not a directory");
    }
}
