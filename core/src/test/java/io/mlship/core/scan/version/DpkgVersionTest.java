package io.mlship.core.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Debian Policy 5.6.12's examples: epochs, the tilde, revisions. */
class DpkgVersionTest {

    private static void assertAscending(List<String> versions) {
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                int c = DpkgVersion.compare(versions.get(i), versions.get(j));
                assertThat(Integer.signum(c)).as(versions.get(i) + " vs " + versions.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void tildeSortsBeforeEverythingEvenTheEnd() {
        // The policy's own example: ~~, ~~a, ~, the empty part, a.
        assertAscending(List.of("1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"));
        assertAscending(List.of("1.0~rc1-1", "1.0-1"));
    }

    @Test
    void epochOutweighsTheUpstreamVersion() {
        assertAscending(List.of("2.0", "1:0.9", "1:1.0", "2:0.1"));
        assertThat(DpkgVersion.compare("0:1.2", "1.2")).isZero();
    }

    @Test
    void revisionBreaksTiesAndAnAbsentRevisionSortsFirst() {
        // an absent revision equals "0" (leading zeros are skipped), as dpkg --compare-versions says
        assertThat(DpkgVersion.compare("1.2.3", "1.2.3-0")).isZero();
        assertAscending(List.of("1.2.3", "1.2.3-1", "1.2.3-1ubuntu1", "1.2.3-2", "1.2.3-10"));
    }

    @Test
    void lettersSortBeforeOtherCharactersAndNumbersNumerically() {
        assertAscending(List.of("1.0", "1.0a", "1.0z", "1.0+", "1.0.1", "1.9", "1.10"));
        // upstream versions may contain hyphens; only the last one starts the revision
        assertAscending(List.of("2.30-1-1", "2.30-1-2", "2.30-2-1"));
        assertThat(DpkgVersion.compare("1.001", "1.1")).isZero();
    }
}
