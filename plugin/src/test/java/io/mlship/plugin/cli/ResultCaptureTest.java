package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the build page shows is copied to the controller, bounded; the complete logs stay in the workspace. */
class ResultCaptureTest {

    @TempDir
    Path run;
    @TempDir
    Path build;

    @Test
    void copiesReportsAndIndexWholeAndOnlyTheTailOfLogs() throws Exception {
        Files.writeString(run.resolve("verify-report.json"), "{\"status\":\"passed\"}");
        Files.writeString(run.resolve("container.index.tsv"), "0\t0\t10\t1\n");
        Files.createDirectories(run.resolve("pod"));
        Files.writeString(run.resolve("pod/web.log"), "x".repeat((int) ResultCapture.TAIL_BYTES) + "the last line\n");
        Files.writeString(run.resolve("container.1.log.gz"), "binary");

        ResultCapture.Copied copied = ResultCapture.copy(new LocalAgentPath(run), build);

        assertThat(copied.files()).containsExactlyInAnyOrder("verify-report.json", "container.index.tsv", "pod/web.log.tail");
        assertThat(build.resolve("verify-report.json")).hasContent("{\"status\":\"passed\"}");
        assertThat(Files.size(build.resolve("pod/web.log.tail"))).isEqualTo(ResultCapture.TAIL_BYTES);
        assertThat(Files.readString(build.resolve("pod/web.log.tail"))).endsWith("the last line\n");
        assertThat(build.resolve("container.1.log.gz")).doesNotExist();
        assertThat(copied.skipped()).isEmpty();
    }

    @Test
    void aReportOverTheLimitStaysInTheWorkspaceAndIsNamed() throws Exception {
        try (var out = Files.newOutputStream(run.resolve("scan-report.html"))) {
            out.write(new byte[(int) ResultCapture.FILE_LIMIT + 1]);
        }

        ResultCapture.Copied copied = ResultCapture.copy(new LocalAgentPath(run), build);

        assertThat(copied.files()).isEmpty();
        assertThat(copied.skipped()).singleElement().asString().startsWith("scan-report.html (16777217 bytes, over the");
    }

    @Test
    void aMissingRunFolderCopiesNothing() throws Exception {
        assertThat(ResultCapture.copy(new LocalAgentPath(run.resolve("absent")), build).files()).isEmpty();
    }
}
