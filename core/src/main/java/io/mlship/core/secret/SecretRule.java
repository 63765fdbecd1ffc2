package io.mlship.core.secret;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One kind of credential, as both the log masker and the image scan's secret analyzer see it. Each user keeps
 * its own mechanics (the masker replaces {@link #valueGroup}, the analyzer reports the rule and line, never the
 * text); the pattern, prefixes and lengths are only here.
 *
 * @param id          stable name, reported by the scan ({@code aws-access-key-id})
 * @param description what a reader is told the finding is
 * @param pattern     the credential in one line
 * @param valueGroup  the group that is the secret itself (0: the whole match); what the masker replaces
 * @param words       lower-case words one of which every match starts with: the masker tries the pattern only
 *                    on lines holding one, from the first one on (empty for rules scoped to file names)
 * @param markers     fixed text, as written and at least 3 bytes, one of which every match contains: the scan's
 *                    byte pre-filter (empty for rules scoped to file names, which are found by name instead, and
 *                    for the log-only content rules, see {@link #scanned()})
 * @param fileName    the lower-case file names the rule applies to in an image; every name for content rules
 */
public record SecretRule(String id, String description, Pattern pattern, int valueGroup, List<String> words,
        List<String> markers, Predicate<String> fileName) {

    static final Predicate<String> ANY_FILE = name -> true;

    /** Whether the image scan applies the rule: a content rule with markers, or a rule for files of certain names. */
    public boolean scanned() {
        return !contentRule() || !markers.isEmpty();
    }

    /** Whether the rule holds for any file's content, not only for files of certain names (and so for log lines). */
    public boolean contentRule() {
        return fileName == ANY_FILE;
    }
}
