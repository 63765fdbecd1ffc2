package io.mlship.core.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackageNamesTest {

    @Test
    void pypiNamesAreNormalisedAsPep503Says() {
        // PEP 503's example: all of these are the same project.
        for (String name : List.of("friendly-bard", "Friendly-Bard", "FRIENDLY-BARD", "friendly.bard", "friendly_bard",
                "friendly--bard", "FrIeNdLy-._.-bArD")) {
            assertThat(PackageNames.normalize("PyPI", name)).as(name).isEqualTo("friendly-bard");
        }
        assertThat(PackageNames.normalize("pypi", " Pillow ")).isEqualTo("pillow");
        assertThat(PackageNames.normalize("PyPI", "_private.")).isEqualTo("-private-");
        assertThat(PackageNames.normalize("PyPI", "")).isEmpty();
    }

    @Test
    void theLoopAgreesWithTheRegularExpressionOfPep503() {
        Random random = new Random(503);
        String alphabet = "aZ9-_.";
        for (int n = 0; n < 5000; n++) {
            StringBuilder name = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String expected = name.toString().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            assertThat(PackageNames.normalize("PyPI", name.toString())).as(name.toString()).isEqualTo(expected);
        }
    }

    @Test
    void otherEcosystemsKeepTheirNames() {
        assertThat(PackageNames.normalize("Maven", "org.apache.logging.log4j:log4j-core"))
                .isEqualTo("org.apache.logging.log4j:log4j-core");
        assertThat(PackageNames.baseEcosystem("Debian:12")).isEqualTo("Debian");
    }
}
