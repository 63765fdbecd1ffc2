package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlship demo` builds the example model image and says where the image and its build log are. */
class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void demoBuildsVerifiesWithRoomAndShowsAnOomVerdict() throws Exception {
        CliRun run = CliRun.of("demo", "--project", BuildCommandTest.EXAMPLE_PROJECT.toString(),
                "--work-dir", temp.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("image: +" + Pattern.quote(DemoCommand.DEMO_IMAGE) + " \\(sha256:[0-9a-f]{64}\\)");
        Matcher log = Pattern.compile("complete build log: (\\S+)").matcher(run.out());
        assertThat(log.find()).isTrue();
        Path logFile = Path.of(log.group(1));
        assertThat(logFile).startsWith(temp);
        assertThat(Files.readString(logFile)).contains("Successfully tagged " + DemoCommand.DEMO_IMAGE);
        assertThat(run.out()).containsPattern("verify at 128\\.0 MiB: +PASSED, memory peak \\d+\\.\\d MiB, ready after \\d+ ms, 2/2 samples ok")
                .containsPattern("verify at 24\\.0 MiB: OOM verdict, recommended limit \\d+\\.\\d MiB");
    }
}
