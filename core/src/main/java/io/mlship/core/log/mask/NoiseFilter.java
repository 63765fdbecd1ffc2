package io.mlship.core.log.mask;

import io.mlship.core.MlshipException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The user's noise rules (regexes), on top of the built-in probe, health-check and keep-alive literals
 * of {@link io.mlship.core.log.classify.LineClassifier}. Noise lines are still stored (and counted); they are only left out of
 * the console view. A line at error or warning level is never noise, whatever it matches.
 */
public final class NoiseFilter {

    private final List<Pattern> userRules;

    private NoiseFilter(List<Pattern> userRules) {
        this.userRules = userRules;
    }

    /** @throws MlshipException naming the rule and the position when a user rule is not a valid regex */
    public static NoiseFilter of(List<String> userRegexes) {
        List<Pattern> compiled = new ArrayList<>();
        for (String regex : userRegexes) {
            compiled.add(compileRule(regex, "noise rule"));
        }
        return new NoiseFilter(List.copyOf(compiled));
    }

    public static Pattern compileRule(String regex, String what) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new MlshipException(what + " `" + regex + "` is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at position " + e.getIndex() : "")
                    + "; fix it (Java regex syntax) or drop it");
        }
    }

    public boolean hasUserRules() {
        return !userRules.isEmpty();
    }

    public boolean userMatches(String line) {
        for (Pattern rule : userRules) {
            if (rule.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
