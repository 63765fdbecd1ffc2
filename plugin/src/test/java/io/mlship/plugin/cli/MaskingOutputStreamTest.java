package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the build log gets of the CLI's console when the step bound secrets itself. */
class MaskingOutputStreamTest {

    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private String through(List<String> secrets, String... writes) throws IOException {
        try (MaskingOutputStream out = new MaskingOutputStream(log, secrets)) {
            for (String write : writes) {
                out.write(write.getBytes(StandardCharsets.UTF_8));
            }
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void secretsAreMaskedAlsoWhenTheyArriveInPieces() throws IOException {
        assertThat(through(List.of("tok-123", "pässwort"), "login with tok-", "123 and päss", "wort\n", "last line tok-123"))
                .isEqualTo("login with **** and ****\nlast line ****");
    }

    @Test
    void theLongerOfTwoOverlappingSecretsIsMaskedWhole() throws IOException {
        assertThat(through(List.of("abc", "abcdef"), "x abcdef y abc\n")).isEqualTo("x **** y ****\n");
    }

    @Test
    void aVeryLongLineIsPassedOnInPiecesWithoutSplittingASecret() throws IOException {
        String secret = "s3cr3t-value";
        // The secret straddles the point where the first piece is passed on.
        String before = "a".repeat(MaskingOutputStream.LINE_LIMIT + secret.length() - 5);
        try (MaskingOutputStream out = new MaskingOutputStream(log, List.of(secret))) {
            out.write((before + secret + "b").getBytes(StandardCharsets.US_ASCII));
            assertThat(log.size()).as("passed on before the line ended").isPositive();
        }
        assertThat(log.toString(StandardCharsets.US_ASCII)).isEqualTo(before + "****b").doesNotContain("s3cr3t");
    }

    @Test
    void withoutSecretsEverythingPassesAsItIs() throws IOException {
        assertThat(through(List.of("", ""), "one\ntwo")).isEqualTo("one\ntwo");
    }
}
