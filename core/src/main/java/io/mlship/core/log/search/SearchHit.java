package io.mlship.core.log.search;

/** One matching line: the source it is in, its line number there (from 1) and its text. */
public record SearchHit(String source, long line, String text) {

    /** {@code source:line: text}, as {@code mlship logs search} prints it. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + text;
    }
}
