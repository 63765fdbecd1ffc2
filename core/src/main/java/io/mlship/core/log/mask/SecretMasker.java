package io.mlship.core.log.mask;

import io.mlship.core.secret.SecretRule;
import io.mlship.core.secret.SecretRules;
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
 * carry them), and the shapes of common credentials ({@link SecretRules}, shared with the image scan). The body of a PEM private key spans lines, so a
 * masker is kept per source and remembers when it is inside one.
 */
public final class SecretMasker {

    static final String MASK = "****";

    /** The shapes masked in every line: the shared rules that hold for any content, but the private key's header. */
    private static final List<SecretRule> RULES = SecretRules.ALL.stream()
            .filter(rule -> rule.contentRule() && rule != SecretRules.PRIVATE_KEY).toList();
    private static final Pattern KEY_BEGIN = SecretRules.PRIVATE_KEY.pattern();
    private static final Pattern KEY_END = SecretRules.PRIVATE_KEY_END;

    private final List<String> values;
    private boolean insidePrivateKey;

    public SecretMasker(Collection<String> secretValues) {
        this.values = new ArrayList<>(variants(secretValues));
        // Longest first: a value that contains another is masked whole.
        this.values.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** The forms in which a secret value shows up in logs. */
    public static Set<String> variants(Collection<String> secretValues) {
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
    public boolean insideSecret() {
        return insidePrivateKey;
    }

    /** Where the first of the rule's words is (every match starts with one), or -1 when none is there. */
    private static int firstWord(SecretRule rule, String lowerCaseLine) {
        int first = -1;
        for (String word : rule.words()) {
            int at = lowerCaseLine.indexOf(word);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** The line with every secret replaced; the same string when it holds none. */
    public String mask(String line) {
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
        for (SecretRule rule : RULES) {
            int from = firstWord(rule, lower);
            if (from < 0) {
                continue;
            }
            // Searched from the rule's first word on, not from the line's start: a case-insensitive pattern tried at
            // every position is what masking spent its time on. Transparent bounds: \b still sees the byte before.
            Matcher m = rule.pattern().matcher(masked).useTransparentBounds(true).region(from, masked.length());
            if (m.find()) {
                StringBuilder replaced = new StringBuilder(masked.length());
                int copied = 0;
                do {
                    replaced.append(masked, copied, m.start(rule.valueGroup())).append(MASK);
                    copied = m.end(rule.valueGroup());
                } while (m.find());
                masked = replaced.append(masked, copied, masked.length()).toString();
                lower = KeyValueSecrets.asciiLowerCase(masked);
            }
        }
        return KeyValueSecrets.mask(masked, lower);
    }
}
