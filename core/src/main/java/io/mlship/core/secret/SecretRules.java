package io.mlship.core.secret;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one list of credential shapes, used by the log masker ({@code log} capture) and the image scan's secret
 * analyzer. It is the union of the two lists they once kept apart; where they disagreed, the comment on the rule
 * says which variant was kept and why. Ground floor: imports nothing of mlship, so every capability may use it.
 */
public final class SecretRules {

    /**
     * The markers of a rule the image scan does not apply: shapes that in installed software are mostly
     * documentation ("Authorization: Basic …", "https://user:password@host" in docstrings). On the Python 3.11
     * standard library the three turned 117 of 1,498 .py files that pass the scan's pre-filter into 656 ("://" alone
     * is in most of them), made the secret analysis 5-7x slower, and found 13 examples as secrets.
     */
    private static final List<String> LOG_ONLY = List.of();

    /**
     * PEM private keys: RFC 7468 labels ("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), the OpenSSL legacy ones ("RSA",
     * "DSA", "EC"), OpenSSH's ("OPENSSH PRIVATE KEY") and OpenPGP's armor (RFC 4880: "PGP PRIVATE KEY BLOCK"). The
     * masker's "any upper-case label" with the scan's optional " BLOCK". The header is not secret: the masker masks
     * the lines up to {@link #PRIVATE_KEY_END}, the scan reports the header's line.
     */
    public static final SecretRule PRIVATE_KEY = content("private-key", "private key (PEM)",
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----", 0, List.of("-----begin"), List.of("-----BEGIN"));
    /** Where the body of a {@link #PRIVATE_KEY} ends. */
    public static final Pattern PRIVATE_KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----");

    /**
     * The value of an HTTP Authorization header or setting (RFC 9110 section 11.6.2), with or without its scheme.
     * Was the masker's only.
     */
    public static final SecretRule AUTHORIZATION = content("authorization", "HTTP Authorization value",
            "(?i)authorization\\s*[:=]\\s*\"?(?:bearer|basic|token)?\\s*([A-Za-z0-9._~+/=-]{4,})", 1,
            List.of("authorization"), LOG_ONLY);
    /** A bearer token (RFC 6750) wherever it is written. Was the masker's only. */
    public static final SecretRule BEARER = content("bearer-token", "bearer token",
            "(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{8,})", 1, List.of("bearer"), LOG_ONLY);
    /**
     * AWS access key ids: the prefixes of the IAM "unique ID prefixes" table that name credentials — AKIA (access
     * key), ASIA (temporary STS key), ABIA (STS service bearer token), ACCA (context-specific credential) — then 16
     * upper-case letters or digits. The masker knew AKIA/ASIA, the scan all four. The table's other prefixes (AGPA
     * group, AIDA user, AIPA instance profile, ANPA/ANVA policy, APKA public key, AROA role, ASCA certificate) are
     * ids of things, not credentials, and show up in every CloudTrail line and policy: they are not masked or found.
     */
    public static final SecretRule AWS_ACCESS_KEY_ID = content("aws-access-key-id", "AWS access key id",
            "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b", 0, List.of("akia", "asia", "abia", "acca"),
            List.of("AKIA", "ASIA", "ABIA", "ACCA"));
    /** An AWS secret access key (40 characters of Base64) after its conventional name. Was the scan's only. */
    public static final SecretRule AWS_SECRET_ACCESS_KEY = content("aws-secret-access-key", "AWS secret access key",
            "(?i)aws_?secret_?access_?key\\s*[=:]\\s*[\"']?([A-Za-z0-9/+=]{40})", 1, List.of("aws_secret", "awssecret"),
            List.of("ecret", "ECRET")); // either case of "secret"
    /**
     * GitHub tokens: classic ones are a gh?_ prefix (p personal, o OAuth, u user-to-server, s server-to-server,
     * r refresh) and 36 Base62 characters; fine-grained ones "github_pat_" and 82. The scan's lengths (36, 60) over
     * the masker's (30, 30): shorter ones are not GitHub tokens.
     */
    public static final SecretRule GITHUB_TOKEN = content("github-token", "GitHub token",
            "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})", 0,
            List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"));
    /**
     * GitLab personal access tokens: "glpat-" and at least 20 characters. The masker's "at least" over the scan's
     * "exactly": newer GitLab tokens are longer, and the masker must cover all of one.
     */
    public static final SecretRule GITLAB_TOKEN = content("gitlab-token", "GitLab personal access token",
            "\\bglpat-[0-9A-Za-z_-]{20,}", 0, List.of("glpat-"), List.of("glpat-"));
    /** Slack tokens: bot, app-level, user, refresh and legacy (xoxb/xoxa/xoxp/xoxr/xoxs); the masker lacked xoxr. */
    public static final SecretRule SLACK_TOKEN = content("slack-token", "Slack token", "\\bxox[baprs]-[0-9A-Za-z-]{10,}", 0,
            List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"), List.of("xox"));
    /** OpenAI-style API keys ("sk-", also "sk-proj-"). Was the masker's only. */
    public static final SecretRule OPENAI_KEY = content("openai-api-key", "OpenAI API key", "\\bsk-[A-Za-z0-9_-]{20,}", 0,
            List.of("sk-"), List.of("sk-"));
    /** Google API keys: "AIza" and 35 characters. Was the scan's only. */
    public static final SecretRule GOOGLE_API_KEY = content("google-api-key", "Google API key", "\\bAIza[0-9A-Za-z_-]{35}", 0,
            List.of("aiza"), List.of("AIza"));
    /** Hugging Face user access tokens: "hf_" and 34 letters. Was the scan's only. */
    public static final SecretRule HUGGINGFACE_TOKEN = content("huggingface-token", "Hugging Face token",
            "\\bhf_[A-Za-z]{34}\\b", 0, List.of("hf_"), List.of("hf_"));
    /** A JSON Web Token (RFC 7519): three Base64url parts, the first a JSON object, so "eyJ". Was the masker's only. */
    public static final SecretRule JWT = content("jwt", "JSON Web Token",
            "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", 0, List.of("eyj"), List.of("eyJ"));
    /** The Base64 user:password of a registry in a Docker config.json ("auths"). Was the masker's only. */
    public static final SecretRule DOCKER_CONFIG_AUTH = content("docker-config-auth", "registry credential (Docker config)",
            "\"auth\"\\s*:\\s*\"([^\"]+)", 1, List.of("\"auth\""), List.of("\"auth\""));
    /** The password of a URL's user information (RFC 3986 section 3.2.1, user:password@). Was the masker's only. */
    public static final SecretRule URL_CREDENTIALS = content("url-credentials", "password in a URL",
            "://[^/\\s:@]+:([^@\\s/]+)@", 1, List.of("://"), LOG_ONLY);

    /** npm's registry credentials in .npmrc. Was the scan's only; in logs the {@link #SECRET_KEYS} cover it. */
    public static final SecretRule NPMRC_AUTH = inFiles("npmrc-auth", ".npmrc registry credential",
            "(?:_authToken|_auth|_password)\\s*=\\s*\\S+", name -> name.equals(".npmrc"));
    /** The upload password in .pypirc. Was the scan's only; in logs the {@link #SECRET_KEYS} cover it. */
    public static final SecretRule PYPIRC_PASSWORD = inFiles("pypirc-password", ".pypirc password",
            "^\\s*password\\s*[=:]\\s*\\S+", name -> name.equals(".pypirc"));
    /**
     * A secret-named variable in a dotenv file. Was the scan's only; in logs the {@link #SECRET_KEYS} cover it. Its
     * names are fewer than the keys': "PWD" in a .env is the working directory, not a password.
     */
    public static final SecretRule DOTENV_SECRET = inFiles("dotenv-secret", ".env secret",
            "(?i)^\\s*(?:export\\s+)?[A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY)"
                    + "[A-Za-z0-9_]*\\s*=\\s*[\"']?[^\\s\"'$]\\S*",
            name -> name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env"));

    /**
     * Every rule, in the order both users try them. For the scan (one finding per line) the more specific first:
     * AWS_ACCESS_KEY_ID=AKIA… is an AWS key, not also a .env secret. For the masker the header rules come before
     * the token rules: "Authorization: Bearer eyJ…" keeps its scheme and loses its token.
     */
    public static final List<SecretRule> ALL = List.of(PRIVATE_KEY, AUTHORIZATION, BEARER, AWS_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, GITLAB_TOKEN, SLACK_TOKEN, OPENAI_KEY, GOOGLE_API_KEY, HUGGINGFACE_TOKEN, JWT,
            DOCKER_CONFIG_AUTH, URL_CREDENTIALS, NPMRC_AUTH, PYPIRC_PASSWORD, DOTENV_SECRET);

    /**
     * Lower-case key names whose value is a secret wherever they are written ({@code password=x},
     * {@code "api_key": "x"}, {@code DB_PASSWORD: x}): the masker's key-value rule. The scan's name-scoped rules
     * (.env, .npmrc, .pypirc) are the same idea for files of known formats.
     */
    public static final List<String> SECRET_KEYS = List.of(
            "password", "passwd", "pwd", "secret", "token", "api_key", "api-key", "apikey", "access_key", "access-key",
            "accesskey", "private_key", "private-key", "privatekey", "client_secret", "client-secret", "clientsecret",
            "credentials", "credential");

    private SecretRules() {
    }

    /** The content rules' words and the secret keys: a log line holding none of them holds no secret shape. */
    public static Set<String> lineWords() {
        Set<String> words = new LinkedHashSet<>();
        for (SecretRule rule : ALL) {
            words.addAll(rule.words());
        }
        words.add("-----end"); // the end of a private key's body
        words.addAll(SECRET_KEYS);
        return words;
    }

    /** The content rules' markers: a file holding none of them matches no content rule. */
    public static List<String> markers() {
        Set<String> markers = new LinkedHashSet<>();
        for (SecretRule rule : ALL) {
            markers.addAll(rule.markers());
        }
        return new ArrayList<>(markers);
    }

    private static SecretRule content(String id, String description, String regex, int valueGroup, List<String> words,
            List<String> markers) {
        return new SecretRule(id, description, Pattern.compile(regex), valueGroup, words, markers, SecretRule.ANY_FILE);
    }

    private static SecretRule inFiles(String id, String description, String regex, Predicate<String> fileName) {
        return new SecretRule(id, description, Pattern.compile(regex), 0, List.of(), List.of(), fileName);
    }
}
