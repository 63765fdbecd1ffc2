package io.mlship.core.scan.analyzer;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One kind of credential: a pattern over a line of a text file, optionally only in files of certain names.
 * Only the rule and the line number of a match are kept; the matched text is never stored.
 */
record SecretRule(String id, String description, Pattern pattern, Predicate<String> fileName) {

    private static final Predicate<String> ANY = name -> true;

    static final List<SecretRule> ALL = List.of(
            new SecretRule("private-key", "private key (PEM)",
                    Pattern.compile("-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"), ANY),
            new SecretRule("aws-access-key-id", "AWS access key id",
                    Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\\b"), ANY),
            new SecretRule("aws-secret-access-key", "AWS secret access key",
                    Pattern.compile("(?i)aws_?secret_?access_?key\\s*[=:]\\s*[\"']?[A-Za-z0-9/+=]{40}"), ANY),
            new SecretRule("github-token", "GitHub token",
                    Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})"), ANY),
            new SecretRule("gitlab-token", "GitLab personal access token", Pattern.compile("\\bglpat-[0-9A-Za-z_-]{20}"), ANY),
            new SecretRule("slack-token", "Slack token", Pattern.compile("\\bxox[baprs]-[0-9A-Za-z-]{10,}"), ANY),
            new SecretRule("google-api-key", "Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"), ANY),
            new SecretRule("huggingface-token", "Hugging Face token", Pattern.compile("\\bhf_[A-Za-z]{34}\\b"), ANY),
            new SecretRule("npmrc-auth", ".npmrc registry credential",
                    Pattern.compile("(?:_authToken|_auth|_password)\\s*=\\s*\\S+"), name -> name.equals(".npmrc")),
            new SecretRule("pypirc-password", ".pypirc password",
                    Pattern.compile("^\\s*password\\s*[=:]\\s*\\S+"), name -> name.equals(".pypirc")),
            new SecretRule("dotenv-secret", ".env secret",
                    Pattern.compile("^\\s*(?:export\\s+)?[A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY)[A-Za-z0-9_]*\\s*=\\s*[\"']?[^\\s\"'$]\\S*",
                            Pattern.CASE_INSENSITIVE),
                    name -> name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")));
}
