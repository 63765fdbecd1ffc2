package io.mlship.core.diagnose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing seen, and where: {@code source} names the API or query it came from (docker inspect, docker events,
 * pod status, prometheus …), {@code fact} the field or event, {@code value} what it said.
 */
public record Evidence(String source, String fact, Object value) {

    public Map<String, Object> toReport() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", source);
        map.put("fact", fact);
        map.put("value", value instanceof Number || value instanceof Boolean ? value : String.valueOf(value));
        return map;
    }

    @Override
    public String toString() {
        return source + ": " + fact + " = " + value;
    }
}
