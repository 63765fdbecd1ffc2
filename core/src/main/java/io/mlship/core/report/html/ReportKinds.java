package io.mlship.core.report.html;

import java.util.Map;

/**
 * The report files the delivery page knows, by file name, and the kind of section report.js renders each as. The
 * names are those the capabilities write (ReportFiles, Diagnosis.REPORT_NAME, the shadow's shadow-report.json);
 * they are spelled out here so this package depends on no capability.
 */
final class ReportKinds {

    static final Map<String, String> BY_FILE_NAME = Map.of(
            "build-report.json", "build",
            "verify-report.json", "verify",
            "scan-report.json", "scan",
            "deploy-report.json", "deploy",
            "shadow-report.json", "shadow",
            "diagnosis.json", "diagnosis");

    private ReportKinds() {
    }
}
