package io.mlship.core.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a samples file: a JSON array of cases
 * {@code {"name", "request": <KServe V2 infer body>, "path"?, "method"?, "expect": {"status"?, "outputs"?: {name: [data]}}}}.
 * Errors name the file, the case and the field.
 */
public final class SampleFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleFile() {
    }

    public static List<SampleCase> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new MlshipException("samples file " + file + " is not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MlshipException("cannot read samples file " + file + ": " + e.getMessage()
                    + "; pass an existing file with --samples", e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new MlshipException("samples file " + file + " must hold a non-empty JSON array of cases "
                    + "like [{\"name\": \"...\", \"request\": {\"inputs\": [...]}, \"expect\": {\"status\": 200}}]");
        }
        List<SampleCase> cases = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            cases.add(toCase(file, i, root.get(i)));
        }
        return cases;
    }

    private static SampleCase toCase(Path file, int index, JsonNode node) {
        String where = "samples file " + file + ", case [" + index + "]";
        JsonNode request = node.get("request");
        if (request == null || !request.isObject()) {
            throw new MlshipException(where + ": field `request` (the JSON body to send) is missing or not an object");
        }
        String name = node.path("name").asText("case " + index);
        JsonNode expect = node.path("expect");
        int status = expect.path("status").asInt(200);
        Map<String, List<Object>> outputs = new LinkedHashMap<>();
        JsonNode expectedOutputs = expect.path("outputs");
        if (!expectedOutputs.isMissingNode()) {
            if (!expectedOutputs.isObject()) {
                throw new MlshipException(where + ": field `expect.outputs` must map output names to data arrays");
            }
            expectedOutputs.fields().forEachRemaining(e -> {
                if (!e.getValue().isArray()) {
                    throw new MlshipException(where + ": `expect.outputs." + e.getKey() + "` must be an array");
                }
                outputs.put(e.getKey(), JSON.convertValue(e.getValue(), JSON.getTypeFactory()
                        .constructCollectionType(List.class, Object.class)));
            });
        }
        String path = node.hasNonNull("path") ? node.get("path").asText() : null;
        String method = node.hasNonNull("method") ? node.get("method").asText() : null;
        return new SampleCase(name, method, path, request.toString(), status, outputs);
    }
}
