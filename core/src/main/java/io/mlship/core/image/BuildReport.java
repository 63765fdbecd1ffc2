package io.mlship.core.image;

import io.mlship.core.report.JsonReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine-readable record of one build attempt, written as JSON for pipelines to archive. */
public final class BuildReport {

    private BuildReport() {
    }

    public static Map<String, Object> success(ImageBuildRequest request, ImageBuildResult result) {
        Map<String, Object> report = base(request, "success");
        report.put("imageId", result.imageId());
        report.put("durationMillis", result.duration().toMillis());
        report.put("logFile", result.logFile().toString());
        return report;
    }

    public static Map<String, Object> failure(ImageBuildRequest request, ImageBuildFailedException failure) {
        Map<String, Object> report = base(request, "failure");
        report.put("error", failure.daemonError());
        failure.failingInstruction().ifPresent(i -> {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("step", i.step());
            at.put("line", i.line());
            at.put("instruction", i.text());
            report.put("failingInstruction", at);
        });
        report.put("stepOutput", failure.stepOutput());
        report.put("logFile", failure.logFile().toString());
        return report;
    }

    private static Map<String, Object> base(ImageBuildRequest request, String status) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", status);
        report.put("image", request.image().value());
        report.put("context", request.context().toString());
        report.put("dockerfile", request.dockerfile().toString());
        return report;
    }

    public static void write(Map<String, Object> report, Path file) {
        JsonReport.write(report, file);
    }
}
