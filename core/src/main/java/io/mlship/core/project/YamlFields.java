package io.mlship.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlship.core.MlshipException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed fields of a parsed {@code mlship.yaml}, each error naming the file and the field path
 * ({@code mlship.yaml: image.port must be a whole number}). Shared by the project reader and the deploy
 * section reader; a reader with fields of its own extends it.
 */
public class YamlFields {

    private final Path file;

    public YamlFields(Path file) {
        this.file = file;
    }

    public MlshipException wrong(String path, String expected) {
        return new MlshipException(file + ": " + path + " must be " + expected);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static JsonNode field(JsonNode parent, String path) {
        JsonNode node = parent == null ? null : parent.get(last(path));
        return node == null || node.isNull() ? null : node;
    }

    /** The node itself, which must be a mapping. */
    public JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw wrong(path, "a mapping (key: value lines)");
        }
        return node;
    }

    /** The mapping under the path's last key, or null when it is absent. */
    public JsonNode child(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        return node == null ? null : object(node, path);
    }

    /** Refuses keys outside {@code keys}: a misspelt key would otherwise be ignored silently. */
    public void allowOnly(JsonNode node, String path, Set<String> keys) {
        if (node == null) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!keys.contains(key)) {
                throw new MlshipException(file + ": " + path + "." + key + " is not a known field; known: "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }

    public Optional<String> text(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw wrong(path, "a single value");
        }
        return Optional.of(node.asText());
    }

    public Optional<Integer> integer(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw wrong(path, "a whole number");
        }
        return Optional.of(node.intValue());
    }

    public Optional<Integer> integer(JsonNode parent, String path, int min) {
        JsonNode node = field(parent, path);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min) {
            throw wrong(path, "a whole number of at least " + min);
        }
        return Optional.of(node.intValue());
    }

    public Optional<Double> number(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw wrong(path, "a number");
        }
        return Optional.of(node.doubleValue());
    }

    public Optional<Boolean> bool(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrong(path, "true or false");
        }
        return Optional.of(node.booleanValue());
    }

    public List<String> texts(JsonNode parent, String path) {
        JsonNode node = field(parent, path);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrong(path, "a list (- item lines)");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isValueNode()) {
                throw wrong(path + "[" + i + "]", "a single value");
            }
            values.add(node.get(i).asText());
        }
        return List.copyOf(values);
    }

    /** A mapping of scalars, in file order. */
    public Map<String, String> scalars(JsonNode parent, String path) {
        JsonNode node = child(parent, path);
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw wrong(path + "." + e.getKey(), "a single value");
                }
                values.put(e.getKey(), e.getValue().asText());
            });
        }
        return values;
    }
}
