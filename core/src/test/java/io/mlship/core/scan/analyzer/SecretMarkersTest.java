package io.mlship.core.scan.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.SecretFinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte-level pre-filter says yes exactly where the String-based one and the binary check it replaced did. */
class SecretMarkersTest {

    /**
     * The former pre-filter, kept as the reference: the bytes as Latin-1 text searched with indexOf; with its
     * bug fixed (it looked for "github_pat_" only where "gh" starts, so never found one).
     */
    private static boolean reference(byte[] content) {
        for (int i = 0; i < Math.min(content.length, 8192); i++) {
            if (content[i] == 0) {
                return false; // binary
            }
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        for (String marker : SecretMarkers.LITERALS) {
            if (text.indexOf(marker) >= 0) {
                return true;
            }
        }
        if (text.contains("github_pat_")) {
            return true;
        }
        for (int at = text.indexOf("gh"); at >= 0 && at + 3 < text.length(); at = text.indexOf("gh", at + 2)) {
            if (text.charAt(at + 3) == '_') {
                return true;
            }
        }
        return false;
    }

    private static boolean marked(byte[] content) {
        return SecretMarkers.textWithMarker(content, content.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsEveryMarkerAtTheStartMiddleAndEnd() {
        for (String marker : new String[] {"-----BEGIN", "AKIA", "ASIA", "ABIA", "ACCA", "AIza", "glpat-", "xoxb", "hf_",
            "secret", "SECRET", "ghp_", "gho_", "github_pat_"}) {
            assertThat(marked(ascii(marker + "x"))).as(marker).isTrue();
            assertThat(marked(ascii("import numpy\n" + marker + "x\n"))).as(marker).isTrue();
            assertThat(marked(ascii("import numpy " + marker))).as(marker).isEqualTo(reference(ascii("import numpy " + marker)));
        }
    }

    @Test
    void findsAFineGrainedGitHubTokenTheFormerFilterMissed() {
        byte[] line = ascii("token = github_pat_" + "A".repeat(70) + "\n");
        assertThat(marked(line)).isTrue();
        List<SecretFinding> found = new ArrayList<>();
        Findings findings = new Findings() {
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
        };
        new SecretAnalyzer().analyze("/app/config.py", line, line.length, findings);
        assertThat(found).singleElement().satisfies(secret -> {
            assertThat(secret.rule()).isEqualTo("github-token");
            assertThat(secret.line()).isEqualTo(1);
        });
    }

    @Test
    void aNulByteInTheFirst8KiBMakesAFileBinaryWhereverTheMarkerIs() {
        String text = "x".repeat(9000);
        for (int nul : new int[] {0, 1, 4000, 4001, 8190, 8191, 8192, 8193, 8999}) {
            for (int marker : new int[] {0, 3, 4002, 8188, 8195, 8990}) {
                if (Math.abs(nul - marker) < 8) {
                    continue;
                }
                for (int length : new int[] {9000, 8193, 8192, 8191}) {
                    byte[] content = ascii(text.substring(0, length));
                    if (marker + 6 >= length) {
                        continue;
                    }
                    System.arraycopy(ascii("AKIA12"), 0, content, marker, 6);
                    if (nul < length) {
                        content[nul] = 0;
                    }
                    assertThat(marked(content)).as("NUL at " + nul + ", marker at " + marker + ", length " + length)
                            .isEqualTo(reference(content)).isEqualTo(nul >= 8192 || nul >= length);
                }
            }
        }
        assertThat(marked(ascii("AKIA\0"))).isFalse();
        assertThat(marked(ascii("AKIA1\0"))).isFalse();
        assertThat(marked(ascii("gh\0_"))).isFalse();
        assertThat(marked(ascii("x".repeat(8200) + "gh\0_"))).isTrue(); // "gh?_": any byte, past the sniff
    }

    @Test
    void passesOverTextWithoutMarkers() {
        assertThat(marked(ascii("import numpy as np\ndef model(self): return tensor\n"))).isFalse();
        assertThat(marked(ascii("the night sky; high hopes; gh"))).isFalse();
        assertThat(marked(ascii("ghp"))).isFalse(); // "gh?_" needs four bytes
        assertThat(marked(new byte[0])).isFalse();
        assertThat(marked(ascii("e"))).isFalse();
    }

    @Test
    void agreesWithTheStringSearchOnRandomTextRichInMarkerBytes() {
        byte[] alphabet = ascii("-KSBCAIzaglpatxohf_ecrtECRTGHhub _\n");
        Random random = new Random(5);
        int positives = 0;
        for (int n = 0; n < 200_000; n++) {
            byte[] content = new byte[random.nextInt(40)];
            for (int i = 0; i < content.length; i++) {
                int dice = random.nextInt(100);
                content[i] = dice == 0 ? 0 : dice < 3 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            boolean expected = reference(content);
            positives += expected ? 1 : 0;
            assertThat(marked(content)).as(new String(content, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
            // The same bytes at the start of a longer, reused buffer: what lies past the length never counts.
            byte[] reused = new byte[content.length + 1 + random.nextInt(24)];
            for (int i = content.length; i < reused.length; i++) {
                reused[i] = i % 7 == 0 ? 0 : alphabet[random.nextInt(alphabet.length)];
            }
            System.arraycopy(content, 0, reused, 0, content.length);
            assertThat(SecretMarkers.textWithMarker(reused, content.length)).as(new String(content, StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected);
        }
        assertThat(positives).as("the random inputs exercise both answers").isBetween(500, 199_500);
    }
}
