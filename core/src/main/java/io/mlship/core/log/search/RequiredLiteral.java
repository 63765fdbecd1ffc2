package io.mlship.core.log.search;

/**
 * The longest piece of plain text that every match of a regular expression must contain, found by a
 * conservative reading of the pattern (groups, classes, alternatives and optional parts are skipped).
 * Search looks for it with a fast string search and runs the regex only on lines that contain it.
 * Empty when there is none (then every line is matched with the regex).
 */
final class RequiredLiteral {

    private RequiredLiteral() {
    }

    static String of(String regex) {
        if (regex.startsWith("(?") || hasTopLevelAlternative(regex)) {
            return ""; // flags such as (?i) change what a literal matches
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int quantifierAt;
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(i + 1);
                if ("\\.[]{}()*+?^$|/-#&~<>=!,:'\"@%;`".indexOf(escaped) >= 0) {
                    quantifierAt = i + 2;
                    best = appendOrCut(run, escaped, regex, quantifierAt, best);
                } else {
                    best = longer(best, run);
                    run.setLength(0);
                    quantifierAt = i + 2;
                }
                i = skipQuantifier(regex, quantifierAt);
            } else if (c == '[') {
                best = longer(best, run);
                run.setLength(0);
                i = skipQuantifier(regex, closingBracket(regex, i) + 1);
            } else if (c == '(') {
                best = longer(best, run);
                run.setLength(0);
                i = skipQuantifier(regex, closingParen(regex, i) + 1);
            } else if (".^$|)]".indexOf(c) >= 0 || isQuantifierStart(regex, i)) {
                best = longer(best, run);
                run.setLength(0);
                i = skipQuantifier(regex, i + 1);
            } else {
                best = appendOrCut(run, c, regex, i + 1, best);
                i = skipQuantifier(regex, i + 1);
            }
        }
        return longer(best, run);
    }

    /** Appends c unless a quantifier makes it optional; a repeated c ends the run after it. */
    private static String appendOrCut(StringBuilder run, char c, String regex, int next, String best) {
        if (next < regex.length() && (regex.charAt(next) == '*' || regex.charAt(next) == '?' || optionalBraces(regex, next))) {
            String kept = longer(best, run);
            run.setLength(0);
            return kept;
        }
        run.append(c);
        if (next < regex.length() && (regex.charAt(next) == '+' || regex.charAt(next) == '{')) {
            String kept = longer(best, run);
            run.setLength(0);
            return kept;
        }
        return best;
    }

    private static boolean optionalBraces(String regex, int at) {
        return regex.startsWith("{0", at);
    }

    private static boolean isQuantifierStart(String regex, int i) {
        char c = regex.charAt(i);
        return c == '*' || c == '+' || c == '?' || c == '{';
    }

    private static int skipQuantifier(String regex, int i) {
        if (i < regex.length() && regex.charAt(i) == '{') {
            int close = regex.indexOf('}', i);
            i = close < 0 ? regex.length() : close + 1;
        } else if (i < regex.length() && "*+?".indexOf(regex.charAt(i)) >= 0) {
            i++;
        }
        if (i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
            i++; // lazy or possessive
        }
        return i;
    }

    private static int closingBracket(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            if (regex.charAt(i) == '\\') {
                i++;
            } else if (regex.charAt(i) == ']') {
                return i;
            }
        }
        return regex.length();
    }

    private static int closingParen(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = closingBracket(regex, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return regex.length();
    }

    private static boolean hasTopLevelAlternative(String regex) {
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = closingBracket(regex, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    private static String longer(String best, CharSequence run) {
        return run.length() > best.length() ? run.toString() : best;
    }
}
