package io.mlship.core.log.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The key-position masking gives what one case-insensitive regex over the whole line gives. */
class KeyValueSecretsTest {

    /** The rule as a single regex: simple to read, too slow for every flagged line of a capture. */
    private static final Pattern ORACLE = Pattern.compile("(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
            + "|private[_-]?key|client[_-]?secret|credentials?)[\"']?\\s*[=:]\\s*[\"']?)(?!\\*\\*\\*\\*)[^\\s\"',;&]+");

    @Test
    void agreesWithTheSingleRegexOnRandomLines() {
        String[] parts = {"password", "PASSWORD", "Passwd", "pwd", "db_password", "secret", "client_secret", "token", "API_KEY",
            "api-key", "apikey", "accessKey", "private_key", "credentials", "credential", "=", ":", " = ", "\"", "'", " ", "x",
            "s3cr3t", "****", ",", ";", "&", "value-1", "İ", "ß", "user"};
        Random random = new Random(11);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder line = new StringBuilder();
            int count = 1 + random.nextInt(10);
            for (int i = 0; i < count; i++) {
                line.append(parts[random.nextInt(parts.length)]);
            }
            String text = line.toString();
            String expected = ORACLE.matcher(text).replaceAll("$1" + SecretMasker.MASK);
            assertThat(KeyValueSecrets.mask(text, KeyValueSecrets.asciiLowerCase(text))).as(text).isEqualTo(expected);
        }
    }

    @Test
    void masksTheUsualShapes() {
        assertThat(mask("connecting with DB_PASSWORD=hunter2 to postgres")).isEqualTo("connecting with DB_PASSWORD=**** to postgres");
        assertThat(mask("{\"api_key\": \"abc123\", \"user\": \"x\"}")).isEqualTo("{\"api_key\": \"****\", \"user\": \"x\"}");
        assertThat(mask("token bucket refilled")).isEqualTo("token bucket refilled");
    }

    private static String mask(String line) {
        return KeyValueSecrets.mask(line, KeyValueSecrets.asciiLowerCase(line));
    }
}
