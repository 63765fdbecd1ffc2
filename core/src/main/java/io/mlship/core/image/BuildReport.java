package io.mlship.core.image;

import io.mlship.core.preflight.Finding;
import io.mlship.core.preflight.PreflightResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable record of one build attempt, written as JSON for pipelines to archive. */
public final class BuildReport {

    private BuildReport() {
    }

    static Map<String, Object> success(ImageBuildRequest request, ModelBuildResult result) {
        Map<String, Object> report = base(request, "success");
        report.put("imageId", result.build().imageId());
        report.put("durationMillis", result.build().duration().toMillis());
        report.put("logFile", result.build().logFile().toString());
        report.put("provenanceFile", result.provenanceFile().toString());
        report.put("labels", result.provenance().labels());
        result.push().ifPresent(p -> report.put("pushed", Map.of("reference", p.reference(), "digest", p.digest())));
        report.put("preflight", findings(result.preflight()));
        return report;
    }

    static Map<String, Object> failure(ImageBuildRequest request, ImageBuildFailedException failure, PreflightResult preflight) {
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
        report.put("preflight", findings(preflight));
        return report;
    }

    static Map<String, Object> preflightFailure(ImageBuildRequest request, PreflightResult preflight) {
        Map<String, Object> report = base(request, "preflight-failed");
        report.put("preflight", findings(preflight));
        return report;
    }

    private static List<Map<String, String>> findings(PreflightResult preflight) {
        return preflight.findings().stream().map(BuildReport::finding).toList();
    }

    private static Map<String, String> finding(Finding f) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("severity", f.severity().name());
        map.put("rule", f.rule());
        map.put("location", f.location());
        map.put("message", f.message());
        return map;
    }

    private static Map<String, Object> base(ImageBuildRequest request, String status) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", status);
        report.put("image", request.image().value());
        report.put("context", request.context().toString());
        report.put("dockerfile", request.dockerfile().toString());
        report.put("generatedDockerfile", request.generatedDockerfile().isPresent());
        return report;
    }
}
