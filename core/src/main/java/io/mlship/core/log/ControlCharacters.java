package io.mlship.core.log;

/**
 * What a console may be shown of text mlship did not write itself (container logs, build output, captured
 * streams, paths inside an image): control characters made visible, so that a container cannot retitle the
 * terminal ({@code ESC ]0;…}), clear it ({@code ESC [2J}), move the cursor or use a carriage return to print
 * a fake "deploy OK" over mlship's own lines. ESC is shown as {@code \e}, BEL {@code \a}, CR {@code \r},
 * every other C0, DEL and C1 character as {@code \xNN}; TAB stays. Stored logs keep the bytes as they came.
 */
public final class ControlCharacters {

    /** Characters of one line a console shows; the stored log has the whole line. */
    public static final int CONSOLE_LINE_CHARS = 4096;

    private ControlCharacters() {
    }

    public static boolean isUnsafe(int c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }

    /** The text with its control characters made visible; one trailing CR (the end of a CRLF line) is dropped. */
    public static String visible(String text) {
        int end = text.endsWith("\r") ? text.length() - 1 : text.length();
        int i = 0;
        while (i < end && !isUnsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder shown = new StringBuilder(end + 16).append(text, 0, i);
        for (; i < end; i++) {
            appendVisible(shown, text.charAt(i));
        }
        return shown.toString();
    }

    /** Appends the character, or its visible form when it is a control character. */
    public static void appendVisible(StringBuilder to, char c) {
        if (!isUnsafe(c)) {
            to.append(c);
        } else if (c == 0x1b) {
            to.append("\\e");
        } else if (c == 0x07) {
            to.append("\\a");
        } else if (c == '\r') {
            to.append("\\r");
        } else if (c == '\n') {
            to.append("\\n");
        } else {
            to.append(String.format("\\x%02x", (int) c));
        }
    }

    /** The head of a line for a console, saying how much more the stored log has. */
    public static String head(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, cut) + " … (" + (text.length() - cut) + " more characters of this line in the stored log)";
    }
}
