package io.mlship.core.scan.analyzer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 822-style "Key: value" paragraphs, the format of Python core metadata, dpkg's status file and
 * (with "K:value") Alpine's installed database. Continuation lines are folded into the previous value.
 */
final class MetadataHeaders {

    private MetadataHeaders() {
    }

    /** The paragraphs of {@code content[0..length)}; keys keep their case, the first occurrence of a key wins. */
    static List<Map<String, String>> paragraphs(byte[] content, int length) {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : new String(content, 0, length, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new LinkedHashMap<>();
                }
                lastKey = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && lastKey != null) {
                current.put(lastKey, current.get(lastKey) + "\n" + line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    lastKey = line.substring(0, colon).strip();
                    current.putIfAbsent(lastKey, line.substring(colon + 1).strip());
                }
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }

    /** The header block of a single document (Python METADATA: headers, a blank line, then the description). */
    static Map<String, String> headers(byte[] content, int length) {
        List<Map<String, String>> all = paragraphs(content, length);
        return all.isEmpty() ? Map.of() : all.get(0);
    }
}
