package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.log.ControlCharacters;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI as a whole against bad input: no command, and text that would drive the terminal. */
class CliBadInputTest {

    @Test
    void noCommandShowsTheUsageAndExitsNonZero() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mlship: name a command").contains("Usage: mlship").contains("deploy");
    }

    @Test
    void controlCharactersInAnErrorMessageAreShownVisible() {
        CliRun run = CliRun.of("scan", "--archive", "/nonexistent/\u001b]0;pwned\u0007\u001b[2J.tar");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("\\e]0;pwned\\a\\e[2J.tar");
        assertThat(run.err().chars().filter(c -> c != '\n' && ControlCharacters.isUnsafe(c))).isEmpty();
    }

    @Test
    void theConsoleWriterKeepsNewlinesAndTabsDropsACrlfsCarriageReturnAndShowsEverythingElse() {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(new VisibleControlsWriter(text))) {
            out.print("a\tb\r\nreal\rfake\u0007\u001b[31m\u0085end\n\r");
        }
        assertThat(text.toString()).isEqualTo("a\tb\nreal\\rfake\\a\\e[31m\\x85end\n\\r");
    }
}
