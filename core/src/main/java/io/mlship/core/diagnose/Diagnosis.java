package io.mlship.core.diagnose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of one diagnosis: the verdict and its evidence, where the memory went, the queries, the recommendation. */
public record Diagnosis(DiagnoseTarget target, String name, String namespace, Instant at, Verdict verdict, String reason,
                        List<Verdict> alsoSeen, List<Evidence> evidence, List<ProcessMemory> processes, String memoryBreakdown,
                        List<QueryValue> queries, Recommendation recommendation) {

    public static final String REPORT_NAME = "diagnosis.json";

    public Diagnosis {
        alsoSeen = List.copyOf(alsoSeen);
        evidence = List.copyOf(evidence);
        processes = List.copyOf(processes);
        queries = List.copyOf(queries);
    }

    /** What a console shows: verdict, reason, the recommendation lines. */
    public List<String> consoleLines() {
        List<String> lines = new ArrayList<>();
        lines.add("diagnosis: " + verdict + " — " + reason);
        if (!alsoSeen.isEmpty()) {
            lines.add("also seen: " + alsoSeen);
        }
        if (!processes.isEmpty()) {
            lines.add("memory by process: " + memoryBreakdown);
        }
        recommendation.lines().forEach(l -> lines.add("recommended " + l));
        recommendation.hints().forEach(h -> lines.add("hint: " + h));
        return lines;
    }

    public Map<String, Object> toReport() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target", target.label());
        map.put("name", name);
        if (target.cluster()) {
            map.put("namespace", namespace);
        }
        map.put("at", at.toString());
        map.put("verdict", verdict.name());
        map.put("reason", reason);
        map.put("alsoSeen", alsoSeen.stream().map(Verdict::name).toList());
        map.put("evidence", evidence.stream().map(Evidence::toReport).toList());
        map.put("processMemory", Map.of("summary", memoryBreakdown, "processes", processes.stream().map(ProcessMemory::toReport).toList()));
        map.put("queries", queries.stream().map(QueryValue::toReport).toList());
        map.put("recommendation", recommendation.toReport());
        return map;
    }
}
