package io.mlship.core.scan.osv;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;

/**
 * A broken advisory file as a user can act on it: the file, the line and column, and the parser's first line
 * of complaint; not Jackson's message, which appends the source description, a snippet and a caret.
 */
final class ParseErrors {

    private static final int MAX_REASON = 200;

    private ParseErrors() {
    }

    static String describe(Path file, Exception e) {
        StringBuilder text = new StringBuilder(file.toString());
        String reason = e.getMessage();
        if (e instanceof JsonProcessingException parse) {
            JsonLocation at = parse.getLocation();
            if (at != null && at.getLineNr() > 0) {
                text.append(" line ").append(at.getLineNr());
                if (at.getColumnNr() > 0) {
                    text.append(" column ").append(at.getColumnNr());
                }
            }
            reason = parse.getOriginalMessage();
        }
        reason = firstLine(reason == null ? e.getClass().getSimpleName() : reason);
        return text.append(": ").append(reason).append("; fix or remove the file (it was not used)").toString();
    }

    private static String firstLine(String message) {
        String line = message.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline).strip();
        }
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON - 3) + "..." : line;
    }
}
