package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.plugin.cli.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list of reports the build's report page fetches: found ones with their links, expected-but-absent ones as missing. */
class DeliveryReportActionTest {

    @TempDir
    Path mlship;

    @Test
    void listsEveryKeptReportWithItsLinkAndNamesAnExpectedOneThatIsAbsent() throws Exception {
        Files.createDirectories(mlship.resolve("verify-7-aa11bb22"));
        Files.writeString(mlship.resolve("verify-7-aa11bb22/verify-report.json"), "{}");
        Files.writeString(mlship.resolve("verify-7-aa11bb22/container.log.tail"), "not a report");
        Files.createDirectories(mlship.resolve("scan-7-cc33dd44"));

        String json = DeliveryReportAction.sourcesJson(mlship, Map.of("scan-7-cc33dd44/scan-report.json", "scan",
                "verify-7-aa11bb22/verify-report.json", "verify"));

        assertThat(Json.parse(json)).isEqualTo(List.of(
                Map.of("kind", "scan", "file", "scan-7-cc33dd44/scan-report.json", "href", "files/scan-7-cc33dd44/scan-report.json",
                        "missing", true, "why", "the step ran but did not write it (see the step's log)"),
                Map.of("kind", "verify", "file", "verify-7-aa11bb22/verify-report.json", "href", "files/verify-7-aa11bb22/verify-report.json")));
    }

    @Test
    void quotingKeepsTheListValidJsonWhateverAFolderIsNamed() {
        assertThat(Json.parse("[" + DeliveryReportAction.quote("a\"b\\c<script>&\n") + "]")).isEqualTo(List.of("a\"b\\c<script>&\n"));
    }
}
