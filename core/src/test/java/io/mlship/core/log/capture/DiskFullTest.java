package io.mlship.core.log.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture on a really full disk: a 512 KiB tmpfs mounted for the test (root is needed to mount; the
 * test is skipped, and says why, where mounting is not allowed). The error says what happened and
 * where; every line that fit is on disk, complete and in order.
 */
class DiskFullTest {

    @TempDir
    Path temp;

    private Path small;
    private boolean mounted;

    @BeforeEach
    void mountSmallFilesystem() throws Exception {
        small = Files.createDirectories(temp.resolve("small"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", small.toString()) == 0;
        assumeTrue(mounted, "mounting a tmpfs needs root and mount permission; not possible here");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            if (run("umount", small.toString()) != 0) {
                run("umount", "-l", small.toString());
            }
        }
    }

    @Test
    void aFullDiskGivesAClearErrorAndKeepsWhatFit() {
        LogCapture capture = LogCapture.open(small.resolve("logs"), CaptureSettings.defaults(), line -> { });
        LogSource source = capture.source("build", SourceKind.BUILD);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                source.line("Step " + i + ": a build line long enough to fill half a megabyte soon ..............");
            }
        }).isInstanceOf(MlshipException.class)
                .hasMessageContaining("cannot write the log of `build` in " + small.resolve("logs"))
                .hasMessageContaining("disk full or not writable?")
                .hasMessageContaining("lines stored so far stay in " + small.resolve("logs").resolve("build.log"));
        assertThatThrownBy(capture::finish).isInstanceOf(MlshipException.class); // still full; every file gets closed
        List<String> kept = LogCaptureTest.readAll(small.resolve("logs").resolve("build.log"));
        assertThat(kept).hasSizeGreaterThan(1000);
        for (int i = 0; i < kept.size() - 1; i++) { // all but a last, cut line are whole and in order
            assertThat(kept.get(i)).startsWith("Step " + i + ": ");
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
