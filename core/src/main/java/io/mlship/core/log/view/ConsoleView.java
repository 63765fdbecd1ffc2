package io.mlship.core.log.view;

import io.mlship.core.log.ControlCharacters;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.classify.LineClassifier;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The condensed, live view of one source for a console (Jenkins step log, CLI): the first lines,
 * then only stage markers, errors and warnings, runs of similar lines collapsed into one line with a
 * count, and at the end the last lines and where the complete file is. Noise never reaches it. The
 * stored copy is never shortened: this decides only what is shown.
 */
public final class ConsoleView {

    /** Errors and warnings shown between head and tail before the view only counts them. */
    static final int MAX_HIGHLIGHTS = 200;

    private final String source;
    private final LogSink console;
    private final int headLines;
    private final TailBuffer tail;
    private int headShown;
    private int highlightsShown;
    private long highlightsHidden;
    private long lastShownLine;
    private String lastShape;
    private long similarRun;

    public ConsoleView(String source, LogSink console, int headLines, int tailLines) {
        this.source = source;
        this.console = console;
        this.headLines = headLines;
        this.tail = new TailBuffer(tailLines);
    }

    /** A stored, non-noise line: shown now when it is in the head or stands out, kept for the tail. */
    public void offer(long lineNumber, int level, byte[] b, int from, int to) {
        boolean stage = isStageMarker(b, from, to);
        boolean highlight = stage || level != 0;
        if (headShown < headLines) {
            if (show(lineNumber, level, text(b, from, to))) {
                headShown++; // a line that joins a run of similar ones does not use up the head
            }
        } else if (highlight && highlightsShown < MAX_HIGHLIGHTS) {
            if (show(lineNumber, level, text(b, from, to))) {
                highlightsShown++;
            }
        } else if (highlight) {
            highlightsHidden++;
        }
        tail.add(lineNumber, level, b, from, to);
    }

    /** Prints the tail (what was not shown yet) and the summary of the source. */
    public void finish(String summary) {
        long firstTail = tail.firstLineNumber();
        if (firstTail > lastShownLine + 1 && tail.size() > 0) {
            endSimilarRun();
            console.line(String.format(Locale.ROOT, "  %s: … %,d lines not shown%s", source,
                    firstTail - lastShownLine - 1, highlightsHidden > 0
                            ? String.format(Locale.ROOT, " (%,d more errors/warnings among them)", highlightsHidden) : ""));
        }
        long lastLine = tail.lastLineNumber();
        tail.forEach((lineNumber, level, text) -> {
            if (lineNumber > lastShownLine) {
                show(lineNumber, level, text, lineNumber == lastLine); // the very last line is always shown in full
            }
        });
        endSimilarRun();
        console.line(summary);
    }

    /** @return whether a line was printed (false: it joined a run of similar lines) */
    private boolean show(long lineNumber, int level, String text) {
        return show(lineNumber, level, text, false);
    }

    private boolean show(long lineNumber, int level, String text, boolean always) {
        String shape = LineShape.of(text);
        lastShownLine = lineNumber;
        if (shape.equals(lastShape) && !always) {
            similarRun++;
            return false;
        }
        endSimilarRun();
        lastShape = shape;
        String marker = (level & LineClassifier.ERROR) != 0 ? "E" : (level & LineClassifier.WARN) != 0 ? "W" : " ";
        // Made visible and cut to its head: a container's escape sequences never reach a terminal, a MiB line never fills it.
        console.line(String.format(Locale.ROOT, "%s %s:%d | %s", marker, source, lineNumber,
                ControlCharacters.head(ControlCharacters.visible(text), ControlCharacters.CONSOLE_LINE_CHARS)));
        return true;
    }

    private void endSimilarRun() {
        if (similarRun > 0) {
            console.line(String.format(Locale.ROOT, "  %s: … %,d similar lines", source, similarRun));
            similarRun = 0;
        }
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    public static boolean isStageMarker(byte[] b, int from, int to) {
        int n = to - from;
        return (n >= 3 && b[from] == '=' && b[from + 1] == '=' && b[from + 2] == ' ')
                || (n >= 5 && b[from] == 'S' && b[from + 1] == 't' && b[from + 2] == 'e' && b[from + 3] == 'p' && b[from + 4] == ' ')
                || (n >= 9 && b[from] == '[' && b[from + 1] == 'P' && b[from + 2] == 'i' && b[from + 8] == 'e');
    }
}
