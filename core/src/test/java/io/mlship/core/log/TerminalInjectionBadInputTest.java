package io.mlship.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.log.capture.CaptureSummary;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.search.LogSearch;
import io.mlship.core.log.search.SearchHit;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.log.capture.SourceKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log that tries to drive the terminal (retitle, clear, overwrite with a CR, ring the bell), CRLF line ends and
 * a line of several MiB: the console sees only visible characters and the head of a long line; the stored file
 * is byte for byte what came.
 */
class TerminalInjectionBadInputTest {

    static final String HOSTILE = "starting\n"
            + "\u001b]0;pwned title\u0007\n"
            + "\u001b[2J\u001b[H== deploy OK\n"
            + "real error\rfake: deploy OK\n"
            + "windows line\r\n"
            + "c1 \u009b31m csi and nul \u0000 del \u007f and\ttab\n";

    @TempDir
    Path dir;

    private final List<String> console = new ArrayList<>();

    private static void assertNoControlCharacters(List<String> lines) {
        for (String line : lines) {
            assertThat(line.chars().filter(ControlCharacters::isUnsafe).toArray()).as(line).isEmpty();
        }
    }

    @Test
    void aStreamsControlCharactersReachTheConsoleVisibleAndTheFileAsTheyCame() throws Exception {
        byte[] input = HOSTILE.getBytes(StandardCharsets.UTF_8);
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), console::add)) {
            capture.bulkSource("stdin", SourceKind.STREAM).copyFrom(new ByteArrayInputStream(input), "test input");
        }
        assertNoControlCharacters(console);
        assertThat(String.join("\n", console)).contains("\\e]0;pwned title\\a").contains("\\e[2J\\e[H== deploy OK")
                .contains("real error\\rfake: deploy OK").contains("c1 \\x9b31m csi and nul \\x00 del \\x7f and\ttab")
                .contains("| windows line").doesNotContain("windows line\\r");
        assertThat(Files.readAllBytes(dir.resolve("stdin.log"))).as("stored byte for byte, CRLF included").isEqualTo(input);
    }

    @Test
    void linesGivenOneByOneAreStoredWithTheirCarriageReturnsAndShownVisible() throws Exception {
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), console::add)) {
            LogSource container = capture.source("container", SourceKind.CONTAINER);
            LineSplitter splitter = LineSplitter.keepingCarriageReturns(container);
            splitter.accept(HOSTILE.substring(0, 30));
            splitter.accept(HOSTILE.substring(30));
            splitter.finish();
        }
        assertNoControlCharacters(console);
        assertThat(String.join("\n", console)).contains("\\e]0;pwned title\\a");
        assertThat(Files.readAllBytes(dir.resolve("container.log"))).isEqualTo(HOSTILE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineOfSeveralMebibytesIsStoredWholeAndTheConsoleShowsItsHead() throws Exception {
        String huge = "x".repeat(3 * (1 << 20) + 12345);
        String text = "before\n" + huge + "\nafter\n";
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        CaptureSummary summary;
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), console::add)) {
            capture.bulkSource("stdin", SourceKind.STREAM).copyFrom(new ByteArrayInputStream(input), "test input");
            summary = capture.finish();
        }
        assertThat(Files.readAllBytes(dir.resolve("stdin.log"))).as("no newline added inside the line").isEqualTo(input);
        assertThat(summary.source("stdin").orElseThrow().lines()).isEqualTo(3);
        assertThat(console).allMatch(l -> l.length() < ControlCharacters.CONSOLE_LINE_CHARS + 200);
        assertThat(console).anyMatch(l -> l.contains("stdin:2 | xxxx") && l.contains("more characters of this line in the stored log"));
        assertThat(console).anyMatch(l -> l.contains("stdin:3 | after"));
        List<SearchHit> hits = new ArrayList<>();
        LogSearch.search(dir, "after", java.util.Optional.empty(), hits::add);
        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.toString()).contains("after"));
    }

    @Test
    void aPrintStreamConsoleNeverPrintsRawControlCharacters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PrintStreamLogSink(new PrintStream(bytes, true, StandardCharsets.UTF_8)).line("\u001b]0;x\u0007 ok\r");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\\e]0;x\\a ok" + System.lineSeparator());
    }
}
