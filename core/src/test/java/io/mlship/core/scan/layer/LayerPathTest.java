package io.mlship.core.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tar entry names to image paths: the one-pass test for plain names must agree with full resolution. */
class LayerPathTest {

    @Test
    void plainNamesBecomeAbsolutePaths() {
        assertThat(LayerPath.normalize("usr/lib/x")).contains("/usr/lib/x");
        assertThat(LayerPath.normalize("./usr/lib/x")).contains("/usr/lib/x");
        assertThat(LayerPath.normalize("a..b/c")).contains("/a..b/c");
        assertThat(LayerPath.normalize(".hidden/.x")).contains("/.hidden/.x");
        assertThat(LayerPath.normalize("...")).contains("/...");
    }

    @Test
    void namesWithEmptyDotOrDotDotPartsAreResolved() {
        assertThat(LayerPath.normalize("/usr/x")).contains("/usr/x");
        assertThat(LayerPath.normalize("usr//lib/")).contains("/usr/lib");
        assertThat(LayerPath.normalize("usr/./lib/.")).contains("/usr/lib");
        assertThat(LayerPath.normalize("usr/share/../lib")).contains("/usr/lib");
        assertThat(LayerPath.normalize("a/..")).contains("/");
        assertThat(LayerPath.normalize("./")).contains("/");
        assertThat(LayerPath.normalize(".")).contains("/");
        assertThat(LayerPath.normalize("././a")).contains("/a");
    }

    @Test
    void namesThatClimbOutOfTheRootAreRefused() {
        assertThat(LayerPath.normalize("../../etc/passwd")).isEqualTo(Optional.empty());
        assertThat(LayerPath.normalize("./..")).isEqualTo(Optional.empty());
        assertThat(LayerPath.normalize("a/../../b")).isEqualTo(Optional.empty());
    }

    @Test
    void theParentOfTheRootIsTheRoot() {
        assertThat(LayerPath.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(LayerPath.parent("/a")).isEqualTo("/");
        assertThat(LayerPath.parent("/")).isEqualTo("/");
    }
}
