package io.mlship.cli;

import io.mlship.core.report.html.DeliveryPage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes report.html beside a command's JSON report at the end of the command (also when it failed: the page then
 * says which report is missing), so a laptop user opens the same page the Jenkins build shows.
 */
final class ReportPage {

    private ReportPage() {
    }

    static void beside(Path reportFile, String kind, String title, PrintWriter out) {
        Path file = reportFile.toAbsolutePath().normalize();
        Path folder = file.getParent();
        DeliveryPage.writeAfterRun(folder, title, Map.of(file.getFileName().toString(), kind),
                new MlshipVersion().getVersion()[0], ConsoleSink.of(out));
    }

    /** The page of a folder of stage folders (the demo's run): every report in it, by the standard names. */
    static void of(Path folder, String title, PrintWriter out) {
        DeliveryPage.writeAfterRun(folder.toAbsolutePath().normalize(), title, Map.of(), new MlshipVersion().getVersion()[0], ConsoleSink.of(out));
    }
}
