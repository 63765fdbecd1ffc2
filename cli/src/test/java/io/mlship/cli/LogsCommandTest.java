package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship logs capture` from standard input, then `mlship logs search` over what it stored. */
class LogsCommandTest {

    @TempDir
    Path temp;

    @Test
    void capturesStandardInputAndFindsLinesInIt() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= 2_000; i++) {
            input.append(i % 4 == 0 ? "10.0.0.9 - - \"GET /healthz HTTP/1.1\" 200 kube-probe/1.30\n" : "INFO step " + i + " done\n");
        }
        input.append("ERROR model iris failed to load: token=abc123secret missing weights\n");
        Path out = temp.resolve("logs");

        CliRun capture = withStdin(input.toString(), () -> CliRun.of("logs", "capture", "--name", "job", "--out", out.toString(),
                "--secret", "abc123secret", "--noise", "^INFO step 1[0-9]{3} "));

        assertThat(capture.exitCode()).as(capture.err()).isZero();
        assertThat(capture.out())
                .contains("E job:2001 | ERROR model iris failed to load: token=**** missing weights")
                .contains("2,001 lines stored (1,250 noise not shown, 1 with secrets masked, 1 errors, 0 warnings)")
                .contains("complete log: " + out.resolve("job.log"))
                .doesNotContain("abc123secret");
        assertThat(Files.readString(out.resolve("job.log"))).doesNotContain("abc123secret").contains("GET /healthz");

        CliRun search = CliRun.of("logs", "search", out.toString(), "--regex", "failed to load");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out()).isEqualTo("job:2001: ERROR model iris failed to load: token=**** missing weights\n");

        CliRun count = CliRun.of("logs", "search", out.toString(), "--regex", "kube-probe", "--count");
        assertThat(count.out().strip()).isEqualTo("500");

        CliRun none = CliRun.of("logs", "search", out.toString(), "--regex", "no such line");
        assertThat(none.exitCode()).isEqualTo(1);
    }

    @Test
    void badInputIsExplained() {
        CliRun badRegex = CliRun.of("logs", "search", temp.toString(), "--regex", "(unclosed");
        assertThat(badRegex.exitCode()).isEqualTo(1);
        assertThat(badRegex.err()).contains("search regex `(unclosed` is not a valid regular expression");

        CliRun notCapture = CliRun.of("logs", "search", temp.toString(), "--regex", "x");
        assertThat(notCapture.err()).contains("is not an mlship log directory");
    }

    private static CliRun withStdin(String text, java.util.function.Supplier<CliRun> run) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(original);
        }
    }
}
