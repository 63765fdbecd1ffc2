package io.mlship.core.scan.report;

import io.mlship.core.MlshipException;
import io.mlship.core.report.JsonReport;
import io.mlship.core.scan.ReportFormat;
import io.mlship.core.scan.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a scan's report files in the formats asked for. */
public final class ScanReports {

    private ScanReports() {
    }

    public static void write(ScanResult result, Map<ReportFormat, Path> files) {
        files.forEach((format, file) -> {
            switch (format) {
                case JSON -> JsonReport.write(ScanJsonReport.of(result), file);
                case SARIF -> JsonReport.write(SarifReport.of(result), file);
                case HTML -> writeText(HtmlReport.render(result), file);
                default -> throw new IllegalStateException(format.name());
            }
        });
    }

    private static void writeText(String text, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MlshipException("cannot write report " + file + ": " + e.getMessage()
                    + "; check that the folder is writable and the disk not full", e);
        }
    }
}
