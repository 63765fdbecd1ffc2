package io.mlship.core.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON record of one verification, for pipelines to archive and for the build page. */
public final class VerifyReport {

    private VerifyReport() {
    }

    public static Map<String, Object> of(VerifyResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", result.passed() ? "passed" : "failed");
        report.put("image", result.image());
        report.put("oomVerdict", result.oomVerdict());
        report.put("problems", result.problems().stream()
                .map(p -> Map.of("kind", p.kind().name(), "message", p.message())).toList());
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("limitBytes", result.memoryLimit().bytes());
        memory.put("peakBytes", result.peakMemory().bytes());
        result.measuredNeed().ifPresent(n -> memory.put("measuredNeedBytes", n.bytes()));
        result.recommendedLimit().ifPresent(r -> {
            memory.put("recommendedLimitBytes", r.bytes());
            memory.put("recommendedLimit", r.toKubernetesQuantity());
        });
        memory.put("series", result.memorySeries().stream()
                .map(s -> Map.of("atMillis", s.atMillis(), "bytes", s.bytes())).toList());
        report.put("memory", memory);
        result.diagnosis().ifPresent(d -> report.put("recommendation", d.toReport()));
        result.readyAfter().ifPresent(d -> report.put("readyAfterMillis", d.toMillis()));
        List<Map<String, Object>> samples = result.samples().stream().map(s -> {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("name", s.name());
            sample.put("passed", s.passed());
            sample.put("status", s.status());
            sample.put("latencyMillis", s.latency().toMillis());
            sample.put("detail", s.detail());
            return sample;
        }).toList();
        report.put("samples", samples);
        report.put("containerLog", result.containerLog().toString());
        report.put("durationMillis", result.duration().toMillis());
        return report;
    }
}
