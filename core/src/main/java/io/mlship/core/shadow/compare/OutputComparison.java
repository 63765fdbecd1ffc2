package io.mlship.core.shadow.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.OutputRule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compares two Open Inference Protocol (KServe V2) answers output by output: {@code {"outputs": [{"name",
 * "datatype", "shape", "data"}]}}. The outputs named in the criteria are compared (all of the baseline's when none
 * is named); each must be in both answers with the same number of values (an output missing from either side
 * disagrees); classes must be equal, numbers within the output's relative tolerance.
 */
final class OutputComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per output name, whether it agreed; {@code pair} is AGREE only when all did. */
    record Outcome(PairResult pair, Map<String, Boolean> outputs) {
    }

    private final CriteriaSpec criteria;

    OutputComparison(CriteriaSpec criteria) {
        this.criteria = criteria;
    }

    Outcome compare(byte[] baselineBody, byte[] candidateBody) {
        Map<String, JsonNode> baseline = outputs(baselineBody);
        Map<String, JsonNode> candidate = outputs(candidateBody);
        Map<String, Boolean> agreed = new LinkedHashMap<>();
        if (baseline == null || candidate == null) {
            // an answer that is not an inference answer cannot agree with anything
            return new Outcome(PairResult.DISAGREE, Map.of());
        }
        boolean all = true;
        // outputs named in the criteria are the ones compared; with none named, every output of the baseline
        java.util.List<String> names = criteria.outputs().isEmpty() ? java.util.List.copyOf(baseline.keySet())
                : criteria.outputs().stream().map(OutputRule::output).toList();
        for (String name : names) {
            JsonNode mine = baseline.get(name);
            JsonNode theirs = candidate.get(name);
            boolean same = mine != null && theirs != null && sameData(name, mine, theirs);
            agreed.put(name, same);
            all &= same;
        }
        return new Outcome(all ? PairResult.AGREE : PairResult.DISAGREE, agreed);
    }

    private boolean sameData(String name, JsonNode baseline, JsonNode candidate) {
        JsonNode a = flat(baseline.get("data"));
        JsonNode b = flat(candidate.get("data"));
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        String datatype = baseline.path("datatype").asText("");
        boolean numeric = datatype.startsWith("FP") || (datatype.isEmpty() && a.size() > 0 && a.get(0).isFloatingPointNumber());
        OutputRule rule = criteria.ruleFor(name, numeric);
        for (int i = 0; i < a.size(); i++) {
            if (!sameValue(rule, a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(OutputRule rule, JsonNode a, JsonNode b) {
        if (rule.kind() == OutputRule.Kind.NUMBER) {
            if (!a.isNumber() || !b.isNumber()) {
                return false;
            }
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (x == y) {
                return true;
            }
            return Math.abs(x - y) <= rule.relativeTolerance() * Math.max(Math.abs(x), Math.abs(y));
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.isValueNode() && b.isValueNode() && a.getNodeType() == b.getNodeType() && a.asText().equals(b.asText());
    }

    /** V2 allows nested data for a shape; the values in row-major order are what is compared. */
    private static JsonNode flat(JsonNode data) {
        if (data == null || !data.isArray()) {
            return null;
        }
        boolean nested = false;
        for (JsonNode item : data) {
            nested |= item.isArray();
        }
        if (!nested) {
            return data;
        }
        var out = JSON.createArrayNode();
        flatten(data, out);
        return out;
    }

    private static void flatten(JsonNode node, com.fasterxml.jackson.databind.node.ArrayNode out) {
        for (JsonNode item : node) {
            if (item.isArray()) {
                flatten(item, out);
            } else {
                out.add(item);
            }
        }
    }

    private static Map<String, JsonNode> outputs(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode outputs = root == null ? null : root.get("outputs");
            if (outputs == null || !outputs.isArray()) {
                return null;
            }
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            for (JsonNode output : outputs) {
                byName.put(output.path("name").asText(""), output);
            }
            return byName;
        } catch (IOException e) {
            return null;
        }
    }
}
