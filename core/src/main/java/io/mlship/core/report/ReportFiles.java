package io.mlship.core.report;

import java.nio.file.Path;

/**
 * The file name of each capability's report, for every front end: the CLI's defaults, the Jenkins steps' build
 * folders and the demo name the same files, so a report is found under the same name wherever it was written.
 */
public enum ReportFiles {

    BUILD("build-report"),
    VERIFY("verify-report"),
    SCAN("scan-report"),
    DEPLOY("deploy-report");

    private final String baseName;

    ReportFiles(String baseName) {
        this.baseName = baseName;
    }

    /** The JSON report's file name, e.g. {@code build-report.json}. */
    public String json() {
        return withExtension("json");
    }

    /** The report's file name in another format, e.g. {@code scan-report.sarif}. */
    public String withExtension(String extension) {
        return baseName + "." + extension;
    }

    /** The JSON report in {@code folder}. */
    public Path in(Path folder) {
        return folder.resolve(json());
    }
}
