package io.mlship.core.log;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in a line with {@code ****} before the line reaches any file, index or view:
 * the values bound to the step (and their Base64 and URL-encoded forms, as registry auth and URLs
 * carry them), and the shapes of common credentials. The body of a PEM private key spans lines, so a
 * masker is kept per source and remembers when it is inside one.
 */
final class SecretMasker {

    static final String MASK = "****";

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)(authorization\\s*[:=]\\s*\"?(?:bearer|basic|token)?\\s*)[A-Za-z0-9._~+/=-]{4,}"), "$1" + MASK, "authorization"),
            new Rule(Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]{8,}"), "$1" + MASK, "bearer"),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), MASK, "akia", "asia"),
            new Rule(Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|xox[baps]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,})"), MASK, "gh", "glpat-", "xox", "sk-"),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), MASK, "eyj"),
            new Rule(Pattern.compile("(\"auth\"\\s*:\\s*\")[^\"]+"), "$1" + MASK, "\"auth\""),
            new Rule(Pattern.compile("(://[^/\\s:@]+:)[^@\\s/]+@"), "$1" + MASK + "@", "://"));
    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");

    /** A pattern, what replaces a match, and words one of which a line must hold for the pattern to be tried. */
    private record Rule(Pattern pattern, String replacement, List<String> anyOf) {
        Rule(Pattern pattern, String replacement, String... anyOf) {
            this(pattern, replacement, List.of(anyOf));
        }

        /** Where the first of the rule's words is (every match starts with one), or -1 when none is there. */
        int firstWord(String lowerCaseLine) {
            if (anyOf.isEmpty()) {
                return 0;
            }
            int first = -1;
            for (String word : anyOf) {
                int at = lowerCaseLine.indexOf(word);
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
            return first;
        }
    }

    private final List<String> values;
    private boolean insidePrivateKey;

    SecretMasker(Collection<String> secretValues) {
        this.values = new ArrayList<>(variants(secretValues));
        // Longest first: a value that contains another is masked whole.
        this.values.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** The forms in which a secret value shows up in logs. */
    static Set<String> variants(Collection<String> secretValues) {
        Set<String> all = new LinkedHashSet<>();
        for (String value : secretValues) {
            if (value == null || value.isEmpty()) {
                continue;
            }
            all.add(value);
            all.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            if (value.length() >= 4) {
                all.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    /** Whether the masker must see every line (inside a multi-line secret), not only flagged ones. */
    boolean insideSecret() {
        return insidePrivateKey;
    }

    /** The line with every secret replaced; the same string when it holds none. */
    String mask(String line) {
        if (insidePrivateKey) {
            if (line.contains("-----") && KEY_END.matcher(line).find()) {
                insidePrivateKey = false;
                return line;
            }
            return MASK;
        }
        if (line.contains("-----") && KEY_BEGIN.matcher(line).find() && !KEY_END.matcher(line).find()) {
            insidePrivateKey = true;
        }
        String masked = line;
        for (String value : values) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        String lower = KeyValueSecrets.asciiLowerCase(masked);
        for (Rule rule : RULES) {
            int from = rule.firstWord(lower);
            if (from < 0) {
                continue;
            }
            // Searched from the rule's first word on, not from the line's start: a case-insensitive pattern tried at
            // every position is what masking spent its time on. Transparent bounds: \b still sees the byte before.
            Matcher m = rule.pattern().matcher(masked).useTransparentBounds(true).region(from, masked.length());
            if (m.find()) {
                StringBuilder replaced = new StringBuilder(masked.length());
                do {
                    m.appendReplacement(replaced, rule.replacement());
                } while (m.find());
                masked = m.appendTail(replaced).toString();
                lower = KeyValueSecrets.asciiLowerCase(masked);
            }
        }
        return KeyValueSecrets.mask(masked, lower);
    }
}
