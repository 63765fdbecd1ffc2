package io.mlship.core.log.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.log.classify.LineClassifier;
import io.mlship.core.secret.SecretSample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared secret rule, as the log sees it: the classifier flags the line and the masker masks the value. */
class SharedSecretRulesMaskingTest {

    static Stream<SecretSample> samples() {
        return SecretSample.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theLineIsFlaggedAndTheValueMasked(SecretSample sample) {
        LineClassifier classifier = new LineClassifier(List.of());
        SecretMasker masker = new SecretMasker(List.of());
        StringBuilder stored = new StringBuilder();
        for (String line : sample.lines()) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            boolean flagged = (classifier.classify(bytes, 0, bytes.length) & LineClassifier.SECRET) != 0;
            String masked = flagged || masker.insideSecret() ? masker.mask(line) : line;
            stored.append(masked).append('\n');
        }
        for (String secret : sample.secrets()) {
            assertThat(stored.toString()).as(sample.rule().id()).doesNotContain(secret);
        }
        assertThat(stored.toString()).as(sample.rule().id()).contains(SecretMasker.MASK);
    }
}
