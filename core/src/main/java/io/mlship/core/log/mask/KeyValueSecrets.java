package io.mlship.core.log.mask;

import io.mlship.core.secret.SecretRules;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the value after a secret-looking key: {@code password=x}, {@code DB_PASSWORD: "x"},
 * {@code "api_key": "x"}, {@code token=x}. The key is found with a plain search of the lower-cased line
 * and only what follows it is matched, at that position: one case-insensitive alternation of all keys
 * tried at every position of the line was what capture spent most of its time on.
 */
final class KeyValueSecrets {

    /** The shared secret key names (also the scan's idea for .env and the like). */
    private static final List<String> KEYS = SecretRules.SECRET_KEYS;
    /** After the key: an optional quote, {@code =} or {@code :}, an optional quote, then the value (not already masked). */
    private static final Pattern VALUE = Pattern.compile("[\"']?\\s*[=:]\\s*[\"']?(?!\\*\\*\\*\\*)([^\\s\"',;&]+)");

    private KeyValueSecrets() {
    }

    /** Lower-cases A-Z only, so that every index in the result is the same index in the line. */
    static String asciiLowerCase(String line) {
        char[] chars = line.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }

    /** @param lowerCaseLine {@link #asciiLowerCase} of the line */
    static String mask(String line, String lowerCaseLine) {
        List<int[]> found = new ArrayList<>(); // key start, value start, value end
        Matcher matcher = VALUE.matcher(line);
        for (String key : KEYS) {
            for (int at = lowerCaseLine.indexOf(key); at >= 0; at = lowerCaseLine.indexOf(key, at + 1)) {
                matcher.region(at + key.length(), line.length());
                if (matcher.lookingAt()) {
                    found.add(new int[] {at, matcher.start(1), matcher.end(1)});
                }
            }
        }
        if (found.isEmpty()) {
            return line;
        }
        // Left to right, and a key inside the value just masked is part of that value, not a key of its own.
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder masked = new StringBuilder(line.length());
        int copied = 0;
        for (int[] match : found) {
            if (match[0] < copied) {
                continue;
            }
            masked.append(line, copied, match[1]).append(SecretMasker.MASK);
            copied = match[2];
        }
        return masked.append(line, copied, line.length()).toString();
    }
}
