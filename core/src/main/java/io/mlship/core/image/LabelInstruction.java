package io.mlship.core.image;

import io.mlship.core.common.DockerfileInstructions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Adds the image labels to a Dockerfile as ONE {@code LABEL} instruction at the end of the built stage.
 * The daemon's own {@code labels} build option would add one instruction (one intermediate container)
 * per label; one instruction keeps the build as fast as the user's own.
 */
final class LabelInstruction {

    private LabelInstruction() {
    }

    static String addTo(List<String> dockerfileLines, DockerfileInstructions instructions, String target, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return String.join("\n", dockerfileLines) + "\n";
        }
        String label = "LABEL " + new TreeMap<>(labels).entrySet().stream()
                .map(e -> quote(e.getKey()) + "=" + quote(e.getValue()))
                .collect(Collectors.joining(" "));
        int insertBefore = dockerfileLines.size(); // 0-based index of the line the LABEL goes before
        if (target != null) {
            boolean inTarget = false;
            for (DockerfileInstructions.Instruction i : instructions.all()) {
                String[] words = i.text().split("\\s+");
                if (words[0].equalsIgnoreCase("FROM")) {
                    if (inTarget) {
                        insertBefore = i.line() - 1;
                        break;
                    }
                    inTarget = words.length >= 4 && words[words.length - 2].equalsIgnoreCase("AS")
                            && words[words.length - 1].equalsIgnoreCase(target);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < dockerfileLines.size(); i++) {
            if (i == insertBefore) {
                out.append(label).append('\n');
            }
            out.append(dockerfileLines.get(i)).append('\n');
        }
        if (insertBefore == dockerfileLines.size()) {
            out.append(label).append('\n');
        }
        return out.toString();
    }

    /** A double-quoted Dockerfile word: backslash, quote and $ (variable expansion) escaped. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
                .replace("\n", " ") + "\"";
    }
}
