package io.mlship.core.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests and limits to set, as Kubernetes quantities, each with the rule that produced it. A value that could
 * not be worked out is absent and {@code memoryStatus}/{@code cpuStatus} say why ("not enough data", "no data"):
 * never a 0.
 */
public record Recommendation(Optional<String> memory, String memoryStatus, String memoryRule,
                             Optional<String> cpuRequest, String cpuStatus, String cpuRule,
                             Optional<String> cpuLimit, String cpuLimitRule, List<String> hints) {

    public static final String NOT_ENOUGH_DATA = "not enough data";
    public static final String NO_DATA = "no data";
    public static final String ADVISED = "advised";

    public Recommendation {
        hints = List.copyOf(hints);
    }

    /** The memory limit in bytes, when advised. */
    public Optional<Long> memoryBytes() {
        return memory.map(q -> Long.parseLong(q.substring(0, q.length() - 2)) * io.mlship.core.common.MemorySize.MIB);
    }

    /** The lines a user pastes under {@code resources:}, or what is missing. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("requests.memory: " + memory.orElse(memoryStatus) + "   limits.memory: " + memory.orElse(memoryStatus));
        lines.add("requests.cpu: " + cpuRequest.orElse(cpuStatus) + "   limits.cpu: " + cpuLimit.orElse("none"));
        return lines;
    }

    public Map<String, Object> toReport() {
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("cpu", cpuRequest.orElse(cpuStatus));
        requests.put("memory", memory.orElse(memoryStatus));
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("memory", memory.orElse(memoryStatus));
        cpuLimit.ifPresent(cpu -> limits.put("cpu", cpu));
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("memory", memoryRule);
        rules.put("cpu", cpuRule);
        rules.put("cpuLimit", cpuLimitRule);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("requests", requests);
        map.put("limits", limits);
        map.put("rules", rules);
        map.put("hints", hints);
        return map;
    }
}
