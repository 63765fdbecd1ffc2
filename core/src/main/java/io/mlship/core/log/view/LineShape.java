package io.mlship.core.log.view;

/**
 * What a line looks like with its variable parts (numbers, hex ids, time stamps) blanked out: two
 * lines of the same shape are "similar", and runs of similar lines are collapsed in the console view.
 */
final class LineShape {

    private LineShape() {
    }

    static String of(String line) {
        StringBuilder shape = new StringBuilder(Math.min(line.length(), 160));
        int i = 0;
        int n = line.length();
        while (i < n && shape.length() < 160) {
            char c = line.charAt(i);
            if (Character.isDigit(c) || (isHex(c) && runIsHexWithDigit(line, i))) {
                while (i < n && (isHex(line.charAt(i)) || line.charAt(i) == '.' || line.charAt(i) == ':')) {
                    i++;
                }
                shape.append('#');
            } else {
                shape.append(c);
                i++;
            }
        }
        return shape.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A run of hex letters counts as an id only when it also has a digit (so "added" stays a word). */
    private static boolean runIsHexWithDigit(String line, int from) {
        if (from > 0 && Character.isLetterOrDigit(line.charAt(from - 1))) {
            return false;
        }
        for (int i = from; i < line.length() && isHex(line.charAt(i)); i++) {
            if (Character.isDigit(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
