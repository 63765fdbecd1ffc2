package io.mlship.core.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PEP 440's own examples: the ordering of suffixes, normalisation, epochs and local versions. */
class Pep440VersionTest {

    /** "Summary of permitted suffixes and relative ordering", PEP 440, in ascending order. */
    static final List<String> SPEC_ORDER = List.of(
            "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
            "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");

    @Test
    void ordersTheSpecificationExampleAscending() {
        for (int i = 0; i < SPEC_ORDER.size(); i++) {
            for (int j = 0; j < SPEC_ORDER.size(); j++) {
                int c = Pep440Version.SCHEME.compare(SPEC_ORDER.get(i), SPEC_ORDER.get(j));
                assertThat(Integer.signum(c)).as(SPEC_ORDER.get(i) + " vs " + SPEC_ORDER.get(j))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void epochWinsOverEverythingElse() {
        assertThat(Pep440Version.of("1!1.0")).isGreaterThan(Pep440Version.of("2.0"));
        assertThat(Pep440Version.of("2013.10")).isLessThan(Pep440Version.of("1!1.0"));
        assertThat(Pep440Version.of("0!1.0")).isEqualTo(Pep440Version.of("1.0"));
    }

    @Test
    void normalisesSpellingsTheSpecAllows() {
        assertThat(Pep440Version.of("1.0")).isEqualTo(Pep440Version.of("1.0.0"));
        assertThat(Pep440Version.of("1.0a")).isEqualTo(Pep440Version.of("1.0a0"));
        assertThat(Pep440Version.of("1.0-alpha.1")).isEqualTo(Pep440Version.of("1.0a1"));
        assertThat(Pep440Version.of("1.0c1")).isEqualTo(Pep440Version.of("1.0rc1"));
        assertThat(Pep440Version.of("1.0.PREVIEW2")).isEqualTo(Pep440Version.of("1.0rc2"));
        assertThat(Pep440Version.of("1.0-1")).isEqualTo(Pep440Version.of("1.0.post1"));
        assertThat(Pep440Version.of("1.0.rev")).isEqualTo(Pep440Version.of("1.0.post0"));
        assertThat(Pep440Version.of("1.0-dev")).isEqualTo(Pep440Version.of("1.0.dev0"));
        assertThat(Pep440Version.of("v1.0")).isEqualTo(Pep440Version.of("1.0"));
        assertThat(Pep440Version.of(" 1.0RC1 ")).isEqualTo(Pep440Version.of("1.0rc1"));
        assertThat(Pep440Version.of("1.0+ubuntu-1")).isEqualTo(Pep440Version.of("1.0+ubuntu.1"));
    }

    @Test
    void numbersCompareNumericallyNotAsText() {
        assertThat(Pep440Version.of("2.10.0")).isGreaterThan(Pep440Version.of("2.9.3"));
        assertThat(Pep440Version.of("1.0rc10")).isGreaterThan(Pep440Version.of("1.0rc9"));
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        assertThat(Pep440Version.parse("french toast")).isEmpty();
        assertThat(Pep440Version.parse("1.0+")).isEmpty();
        assertThat(Pep440Version.SCHEME.isValid("2.4.0")).isTrue();
    }
}
