package io.mlship.core.secret;

import java.util.List;
import java.util.stream.Stream;

/**
 * A made-up credential of each shared rule, as it shows up in a log and in a file of an image: the lines, the
 * values that must never survive masking, the file it sits in and the line a scan must report.
 */
public record SecretSample(SecretRule rule, String fileName, List<String> lines, List<String> secrets, int findingLine) {

    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";

    /** One sample per rule, in the rules' order; {@link SecretSampleTest} checks that none is missing. */
    public static Stream<SecretSample> all() {
        return Stream.of(
                new SecretSample(SecretRules.PRIVATE_KEY, "id_ed25519", List.of("-----BEGIN OPENSSH PRIVATE KEY-----", KEY_BODY,
                        "-----END OPENSSH PRIVATE KEY-----"), List.of(KEY_BODY), 1),
                line(SecretRules.AUTHORIZATION, "headers: Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="),
                line(SecretRules.BEARER, "sent as Bearer abcDEF123456789xyz to the model", "abcDEF123456789xyz"),
                new SecretSample(SecretRules.AWS_ACCESS_KEY_ID, "config.py", List.of(
                        "ids AKIAZ7QXW4EXAMPLEKEY ASIAZ7QXW4EXAMPLEKEY ABIAZ7QXW4EXAMPLEKEY ACCAZ7QXW4EXAMPLEKEY"),
                        List.of("AKIAZ7QXW4EXAMPLEKEY", "ASIAZ7QXW4EXAMPLEKEY", "ABIAZ7QXW4EXAMPLEKEY", "ACCAZ7QXW4EXAMPLEKEY"), 1),
                line(SecretRules.AWS_SECRET_ACCESS_KEY, "aws_secret_access_key = " + AWS_SECRET, AWS_SECRET),
                line(SecretRules.GITHUB_TOKEN, "pushing with ghp_" + "aB3".repeat(12) + " now", "ghp_" + "aB3".repeat(12)),
                line(SecretRules.GITLAB_TOKEN, "clone with glpat-" + "x1Y2z3".repeat(4), "glpat-" + "x1Y2z3".repeat(4)),
                line(SecretRules.SLACK_TOKEN, "refreshed xoxr-1234567890-abcdef", "xoxr-1234567890-abcdef"),
                line(SecretRules.OPENAI_KEY, "OPENAI_KEY_ID sk-proj-" + "Ab1".repeat(10), "sk-proj-" + "Ab1".repeat(10)),
                line(SecretRules.GOOGLE_API_KEY, "maps key AIzaSy" + "A1b".repeat(11) + " loaded", "AIzaSy" + "A1b".repeat(11)),
                line(SecretRules.HUGGINGFACE_TOKEN, "hub login hf_" + "aBcD".repeat(8) + "eF done", "hf_" + "aBcD".repeat(8) + "eF"),
                line(SecretRules.JWT, "cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtbHNoaXAifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtbHNoaXAifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ"),
                line(SecretRules.DOCKER_CONFIG_AUTH, "{\"auths\":{\"127.0.0.1:5001\":{\"auth\":\"bWxzaGlwOnMzY3IzdC1wYXNz\"}}}",
                        "bWxzaGlwOnMzY3IzdC1wYXNz"),
                line(SecretRules.URL_CREDENTIALS, "pip install --index-url https://ci:s3cr3t-url-pass@pypi.internal/simple deps",
                        "s3cr3t-url-pass"),
                new SecretSample(SecretRules.NPMRC_AUTH, ".npmrc", List.of("//registry.npmjs.org/:_authToken=npm_0123456789abcdefABCDEF"),
                        List.of("npm_0123456789abcdefABCDEF"), 1),
                new SecretSample(SecretRules.PYPIRC_PASSWORD, ".pypirc", List.of("[pypi]", "username = __token__",
                        "password = pypi-s3cr3t-upload"), List.of("pypi-s3cr3t-upload"), 3),
                new SecretSample(SecretRules.DOTENV_SECRET, ".env", List.of("# settings", "DB_PASSWORD=Tr0ub4dor-and-3"),
                        List.of("Tr0ub4dor-and-3"), 2));
    }

    private static SecretSample line(SecretRule rule, String line, String secret) {
        return new SecretSample(rule, "settings.py", List.of(line), List.of(secret), 1);
    }

    @Override
    public String toString() {
        return rule.id();
    }
}
