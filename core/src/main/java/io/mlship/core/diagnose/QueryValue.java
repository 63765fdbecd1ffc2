package io.mlship.core.diagnose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One PromQL query that the diagnosis ran and what it answered: a number, or none ("no data"). */
public record QueryValue(String name, String promql, Optional<Double> value) {

    public Map<String, Object> toReport() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("query", promql);
        map.put("value", value.isPresent() ? (Object) value.get() : "no data");
        return map;
    }
}
