package io.mlship.core.diagnose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory limit a diagnosis of a failed deploy or verify recommends, as a Kubernetes quantity ({@code 160Mi}), with the
 * verdict it answers and the rule that produced the number written out (issue 17, "automatic").
 *
 * @param verdict      the diagnosis' verdict, e.g. {@code OOM_KILLED} or {@code CHILD_OOM}
 * @param limitsMemory the quantity to set as {@code limits.memory} (and {@code requests.memory})
 * @param rule         how the number was worked out
 */
public record ResourceRecommendation(String verdict, String limitsMemory, String rule) {

    /** The line for the console: what to paste, and the verdict it answers. */
    public String line() {
        return "set limits.memory: " + limitsMemory + " (" + verdict + ")";
    }

    public Map<String, Object> toReport() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("verdict", verdict);
        map.put("limitsMemory", limitsMemory);
        map.put("requestsMemory", limitsMemory);
        map.put("rule", rule);
        return map;
    }
}
