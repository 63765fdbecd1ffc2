package io.mlship.core.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The orderings of Maven's ComparableVersionTest, plus the Log4j versions the built-in advisories name. */
class MavenVersionTest {

    static final List<String> QUALIFIER_ORDER = List.of("1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2",
            "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123",
            "1-abc", "1-def", "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123");

    static final List<String> NUMBER_ORDER = List.of("2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0",
            "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11",
            "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m");

    private static void assertAscending(List<String> versions) {
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                int c = MavenVersion.SCHEME.compare(versions.get(i), versions.get(j));
                assertThat(Integer.signum(c)).as(versions.get(i) + " vs " + versions.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void ordersQualifiersLikeComparableVersion() {
        assertAscending(QUALIFIER_ORDER);
    }

    @Test
    void ordersNumbersLikeComparableVersion() {
        assertAscending(NUMBER_ORDER);
    }

    @Test
    void treatsEquivalentSpellingsAsEqual() {
        for (List<String> same : List.of(List.of("1", "1.0", "1.0.0", "1-0", "1ga", "1-ga", "1.final", "1-release", "1.0.0-GA"),
                List.of("1a1", "1-a1", "1-alpha-1", "1alpha1", "1-ALPHA1"),
                List.of("1b2", "1-beta-2", "1beta2"), List.of("1m3", "1-milestone-3", "1-m3"),
                List.of("1rc4", "1cr4", "1-rc-4", "1CR4"))) {
            for (String v : same) {
                assertThat(new MavenVersion(v)).as(v + " = " + same.get(0)).isEqualTo(new MavenVersion(same.get(0)));
            }
        }
    }

    @Test
    void placesLog4jReleasesWhereTheAdvisoriesExpect() {
        assertAscending(List.of("2.0-alpha1", "2.0-beta7", "2.0-beta9", "2.0-rc1", "2.0", "2.3", "2.3.1", "2.3.2", "2.4",
                "2.12.1", "2.12.2", "2.12.4", "2.13.0", "2.14.1", "2.15.0", "2.16.0", "2.17.0", "2.17.1", "2.20.0"));
    }
}
