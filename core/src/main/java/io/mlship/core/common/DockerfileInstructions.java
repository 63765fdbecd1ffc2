package io.mlship.core.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instructions of a Dockerfile with the line each starts on, in the order the classic builder
 * numbers its steps ("Step 3/7"), so a failing step can be named by its place in the file.
 * Comments, blank lines, parser directives and line continuations are handled as Docker does.
 */
public final class DockerfileInstructions {

    /** One instruction: its 1-based step number, the line it starts on, and its text joined onto one line. */
    public record Instruction(int step, int line, String text) {
    }

    private final List<Instruction> instructions;

    private DockerfileInstructions(List<Instruction> instructions) {
        this.instructions = List.copyOf(instructions);
    }

    public static DockerfileInstructions read(Path dockerfile) throws IOException {
        return parse(Files.readAllLines(dockerfile, StandardCharsets.UTF_8));
    }

    public static DockerfileInstructions parse(List<String> lines) {
        char escape = escapeDirective(lines);
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = null;
        int startLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String trimmed = raw.strip();
            if (trimmed.startsWith("#")) {
                continue; // comments (and directives) never end or start an instruction
            }
            if (current == null) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                current = new StringBuilder();
                startLine = i + 1;
            }
            boolean continues = trimmed.endsWith(String.valueOf(escape));
            String body = continues ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
            if (!body.isEmpty()) {
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(body);
            }
            if (!continues) {
                result.add(new Instruction(result.size() + 1, startLine, current.toString()));
                current = null;
            }
        }
        if (current != null && current.length() > 0) {
            result.add(new Instruction(result.size() + 1, startLine, current.toString()));
        }
        return new DockerfileInstructions(result);
    }

    private static char escapeDirective(List<String> lines) {
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("#")) {
                break; // directives are only honoured before the first instruction or comment-free line
            }
            String directive = trimmed.substring(1).strip().toLowerCase(java.util.Locale.ROOT);
            if (directive.startsWith("escape=") && directive.length() > "escape=".length()) {
                return directive.charAt("escape=".length());
            }
        }
        return '\\';
    }

    public List<Instruction> all() {
        return instructions;
    }

    public Optional<Instruction> step(int step) {
        return step >= 1 && step <= instructions.size() ? Optional.of(instructions.get(step - 1)) : Optional.empty();
    }
}
