package io.mlship.core.verify;

import java.util.List;
import java.util.Map;

/**
 * One sample request of a verification and what its answer must be.
 *
 * @param path           request path; {@code null} means the KServe V2 infer path of the model
 * @param body           JSON request body
 * @param expectStatus   HTTP status the server must answer
 * @param expectOutputs  for KServe V2 answers: output name → the exact {@code data} array expected
 *                       (empty: the outputs are not checked)
 */
public record SampleCase(String name, String method, String path, String body, int expectStatus,
                         Map<String, List<Object>> expectOutputs) {

    public SampleCase {
        method = method == null ? "POST" : method;
        expectOutputs = expectOutputs == null ? Map.of() : Map.copyOf(expectOutputs);
    }
}
