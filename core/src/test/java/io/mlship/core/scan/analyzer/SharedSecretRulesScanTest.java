package io.mlship.core.scan.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.secret.SecretSample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared secret rule, as the image scan sees it: the file passes the pre-filter and the rule is reported; the
 * log-only rules (HTTP Authorization, bearer, URL credentials) are not applied to image files.
 */
class SharedSecretRulesScanTest {

    static Stream<SecretSample> samples() {
        return SecretSample.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theRuleIsFoundAtItsLineWithoutItsValue(SecretSample sample) {
        byte[] content = (String.join("\n", sample.lines()) + "\n").getBytes(StandardCharsets.UTF_8);
        String path = "/app/" + sample.fileName();
        List<SecretFinding> found = new ArrayList<>();
        new SecretAnalyzer().analyze(path, content, content.length, new Findings() {
            @Override
            public void pkg(InstalledPackage pkg) {
            }

            @Override
            public void secret(SecretFinding secret) {
                found.add(secret);
            }

            @Override
            public void skip(String reason) {
            }
        });
        if (!sample.rule().scanned()) { // log-only shapes: in installed software mostly documentation (SecretRules.LOG_ONLY)
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).extracting(f -> f.rule() + " " + f.path() + ":" + f.line())
                .containsExactly(sample.rule().id() + " " + path + ":" + sample.findingLine());
        for (String secret : sample.secrets()) {
            assertThat(found.toString()).doesNotContain(secret);
        }
    }
}
