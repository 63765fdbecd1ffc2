package io.mlship.core.log.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.capture.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret never reaches disk or console: after a capture that saw secrets in every form (bound
 * values, their Base64 as in registry auth, bearer tokens, cloud keys, key=value passwords, URL
 * credentials, a PEM private key), no byte sequence of any of them is in any file of the capture
 * directory — logs, rotated gzip segments (inflated to check), indexes, block tables, the summary.
 */
class SecretMaskingTest {

    static final String REGISTRY_PASSWORD = "Pr1vate-Registry-Pa55";
    static final String API_TOKEN = "tok-9f8e7d6c5b4a39281706";

    @TempDir
    Path dir;

    @Test
    void noSecretReachesAnyStoredFileIndexOrTheConsole() throws IOException {
        String registryAuth = Base64.getEncoder().encodeToString(("mlship:" + REGISTRY_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String bearer = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtbHNoaXAifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        String awsKey = "AKIAIOSFODNN7EXAMPLE";
        String dbPassword = "correct-horse-battery";
        String privateKeyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
        List<String> secrets = List.of(REGISTRY_PASSWORD, API_TOKEN, Base64.getEncoder().encodeToString(
                REGISTRY_PASSWORD.getBytes(StandardCharsets.UTF_8)), bearer, awsKey, dbPassword, privateKeyBody, "s3cr3t-url-pass");
        List<String> lines = new ArrayList<>();
        lines.add("login to 127.0.0.1:5001 with password " + REGISTRY_PASSWORD);
        lines.add("{\"auths\":{\"127.0.0.1:5001\":{\"auth\":\"" + registryAuth + "\"}}}");
        lines.add("X-Token: " + API_TOKEN + " (bound value)");
        lines.add("the password in base64 is " + Base64.getEncoder().encodeToString(REGISTRY_PASSWORD.getBytes(StandardCharsets.UTF_8)));
        lines.add("curl -H 'Authorization: Bearer " + bearer + "' http://model/v2/models");
        lines.add("AWS_ACCESS_KEY_ID=" + awsKey);
        lines.add("connecting with DB_PASSWORD=" + dbPassword + " to postgres");
        lines.add("pip install --index-url https://ci:s3cr3t-url-pass@pypi.internal/simple model-deps");
        lines.add("-----BEGIN RSA PRIVATE KEY-----");
        lines.add(privateKeyBody);
        lines.add("-----END RSA PRIVATE KEY-----");
        for (int i = 0; i < 30_000; i++) { // enough to rotate twice at 1 MiB, so gzip segments are checked too
            lines.add("INFO request " + i + " ok; retrying login with password " + REGISTRY_PASSWORD + " padding-padding-padding");
        }
        List<String> console = new ArrayList<>();
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults().withSecrets(List.of(REGISTRY_PASSWORD, API_TOKEN))
                .withRotateBytes(1 << 20).withView(50, 50), console::add)) {
            LogSource source = capture.source("push", SourceKind.BUILD);
            lines.forEach(source::line);
        }

        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.toList();
        }
        assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".log.gz"));
        for (Path file : files) {
            String content = contentOf(file);
            for (String secret : secrets) {
                assertThat(content).as("%s must not contain a secret", file.getFileName()).doesNotContain(secret);
            }
        }
        String shown = String.join("\n", console);
        for (String secret : secrets) {
            assertThat(shown).doesNotContain(secret);
        }
        String stored = contentOf(dir.resolve("push.1.log.gz"));
        assertThat(stored).contains("login to 127.0.0.1:5001 with password ****")
                .contains("\"auth\":\"****\"")
                .contains("Authorization: Bearer ****")
                .contains("AWS_ACCESS_KEY_ID=****")
                .contains("DB_PASSWORD=****")
                .contains("https://ci:****@pypi.internal")
                .contains("-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----");
    }

    @Test
    void linesWithoutSecretsAreStoredUnchanged() {
        SecretMasker masker = new SecretMasker(List.of("hunter2"));
        assertThat(masker.mask("loading model iris v3 from /models (42 MiB)")).isEqualTo("loading model iris v3 from /models (42 MiB)");
        assertThat(masker.mask("token bucket refilled")).isEqualTo("token bucket refilled");
        assertThat(masker.mask("user hunter2 logged in")).isEqualTo("user **** logged in");
    }

    /** The text of a file, inflating gzip files; binary block tables are read as Latin-1 bytes. */
    static String contentOf(Path file) throws IOException {
        if (file.toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
