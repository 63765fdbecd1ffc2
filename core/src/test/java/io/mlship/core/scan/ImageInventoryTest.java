package io.mlship.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.log.LogSink;
import io.mlship.core.scan.service.ScanService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI whiteout rules on hand-made layers: ".wh.NAME" deletes, ".wh..wh..opq" hides the folder's lower content. */
class ImageInventoryTest {

    @TempDir
    Path temp;

    @Test
    void whiteoutsAndOpaqueFoldersHideLowerLayersOnly() throws Exception {
        byte[] base = TestArchives.layer(TestArchives.files(
                "opt/venv/lib/a-1.0.dist-info/METADATA", TestArchives.metadata("a", "1.0"),
                "usr/lib/b-1.0.dist-info/METADATA", TestArchives.metadata("b", "1.0"),
                "srv/c-1.0.dist-info/METADATA", TestArchives.metadata("c", "1.0"),
                "srv/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\nfake\n"));
        byte[] upper = TestArchives.layer(TestArchives.files(
                "opt/venv/.wh..wh..opq", "",
                "opt/venv/lib/d-1.0.dist-info/METADATA", TestArchives.metadata("d", "1.0"),
                "usr/lib/.wh.b-1.0.dist-info", "",
                "srv/.wh.id_rsa", "",
                "srv/c-1.0.dist-info/METADATA", TestArchives.metadata("c", "2.0")));
        Path archive = Files.write(temp.resolve("image.tar"), TestArchives.dockerArchive(TestArchives.ROOT_CONFIG, base, upper));

        ScanResult result = ScanService.run(ScanBadInputTest.NO_DOCKER, ScanRequest.forArchive(archive).build(), LogSink.discarding());

        assertThat(result.packages()).extracting(p -> p.name() + "@" + p.version() + "#" + p.layer())
                .containsExactlyInAnyOrder("d@1.0#1", "c@2.0#1");
        assertThat(result.secrets()).singleElement().satisfies(s -> {
            assertThat(s.layer()).isZero();
            assertThat(s.removedLater()).isTrue();
        });
        assertThat(result.image()).isEqualTo("test/crafted:1");
    }
}
