package io.mlship.plugin.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON report the CLI wrote (build-report.json, verify-report.json, scan-report.json, deploy-report.json): the
 * contract between the CLI and the plugin, the same file CLI users get. Fields are read by dotted path; a missing
 * field is empty, never an exception, so an older or newer CLI degrades to fewer values on the build page.
 */
public final class Report {

    private final String file;
    private final Map<String, Object> root;

    private Report(String file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    public static Report parse(String file, String json) {
        Object value;
        try {
            value = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new CliStepException("the report " + file + " is not valid JSON (" + e.getMessage()
                    + "); was it written by another program or cut short?", e);
        }
        if (!(value instanceof Map)) {
            throw new CliStepException("the report " + file + " holds no JSON object");
        }
        return new Report(file, (Map<String, Object>) value);
    }

    public String file() {
        return file;
    }

    public Optional<Object> value(String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    public String string(String path) {
        return value(path).map(String::valueOf).orElse(null);
    }

    public boolean bool(String path) {
        return value(path).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v))).orElse(false);
    }

    public Optional<Long> number(String path) {
        return value(path).filter(Number.class::isInstance).map(v -> ((Number) v).longValue());
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String path) {
        return value(path).filter(List.class::isInstance).map(v -> (List<Object>) v).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objects(String path) {
        return list(path).stream().filter(Map.class::isInstance).map(v -> (Map<String, Object>) v).toList();
    }

    public Map<String, Object> object(String path) {
        return value(path).filter(Map.class::isInstance).map(v -> {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) v;
            return m;
        }).orElse(Map.of());
    }
}
