package io.mlship.core.scan.osv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlship.core.scan.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one OSV advisory from YAML or JSON. Scalars are kept as the text written in the file: a YAML
 * parser would otherwise read the unquoted version {@code 1.10} as the number 1.1.
 */
final class OsvDocumentReader {

    private static final JsonFactory JSON = new JsonFactory();

    /** Created on first use: a scan whose advisories all come from the cache never loads the YAML parser. */
    private static final class Yaml {
        static final YAMLFactory FACTORY = new YAMLFactory();
    }

    private OsvDocumentReader() {
    }

    /** Reads a file holding one advisory, or a JSON array of advisories. */
    static List<OsvAdvisory> readAll(InputStream in, boolean yaml) throws IOException {
        try (JsonParser parser = (yaml ? Yaml.FACTORY : JSON).createParser(in)) {
            parser.nextToken();
            Object tree = value(parser);
            List<OsvAdvisory> advisories = new ArrayList<>();
            for (Object one : tree instanceof List<?> many ? many : List.of(tree)) {
                if (!(one instanceof Map<?, ?> map)) {
                    throw new IOException("an OSV advisory must be an object");
                }
                advisories.add(advisory(map));
            }
            return advisories;
        }
    }

    static OsvAdvisory read(InputStream in, boolean yaml) throws IOException {
        try (JsonParser parser = (yaml ? Yaml.FACTORY : JSON).createParser(in)) {
            JsonToken first = parser.nextToken();
            Object tree = first == null ? Map.of() : value(parser);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new IOException("an OSV advisory must be an object");
            }
            return advisory(map);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                map.put(name, value(parser));
            }
            return map;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(parser));
            }
            return list;
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private static OsvAdvisory advisory(Map<?, ?> doc) throws IOException {
        String id = text(doc.get("id"));
        if (id == null) {
            throw new IOException("the advisory has no id");
        }
        String summary = text(doc.get("summary"));
        if (summary == null) {
            String details = text(doc.get("details"));
            summary = details == null ? "" : firstSentence(details);
        }
        Double score = null;
        for (Object s : list(doc.get("severity"))) {
            if (s instanceof Map<?, ?> sev && String.valueOf(sev.get("type")).startsWith("CVSS_V3")) {
                score = CvssV3.baseScore(text(sev.get("score"))).orElse(null);
            }
        }
        Severity severity = score != null ? Severity.ofScore(score) : Severity.UNKNOWN;
        if (score == null && doc.get("database_specific") instanceof Map<?, ?> specific) {
            severity = Severity.ofWord(text(specific.get("severity")));
        }
        List<OsvAdvisory.Affected> affected = new ArrayList<>();
        for (Object a : list(doc.get("affected"))) {
            if (a instanceof Map<?, ?> entry && entry.get("package") instanceof Map<?, ?> pkg) {
                affected.add(new OsvAdvisory.Affected(text(pkg.get("ecosystem")), text(pkg.get("name")),
                        ranges(entry.get("ranges")), list(entry.get("versions")).stream().map(OsvDocumentReader::text).toList()));
            }
        }
        List<String> aliases = list(doc.get("aliases")).stream().map(OsvDocumentReader::text).toList();
        return new OsvAdvisory(id, aliases, summary, severity, score, affected);
    }

    private static List<OsvAdvisory.Range> ranges(Object value) {
        List<OsvAdvisory.Range> ranges = new ArrayList<>();
        for (Object r : list(value)) {
            if (r instanceof Map<?, ?> range) {
                List<OsvAdvisory.Event> events = new ArrayList<>();
                for (Object e : list(range.get("events"))) {
                    if (e instanceof Map<?, ?> event) {
                        for (Map.Entry<?, ?> kv : event.entrySet()) {
                            String kind = String.valueOf(kv.getKey()).toUpperCase(Locale.ROOT);
                            if (List.of("INTRODUCED", "FIXED", "LAST_AFFECTED", "LIMIT").contains(kind)) {
                                events.add(new OsvAdvisory.Event(OsvAdvisory.EventKind.valueOf(kind), text(kv.getValue())));
                            }
                        }
                    }
                }
                ranges.add(new OsvAdvisory.Range(String.valueOf(range.get("type")), events));
            }
        }
        return ranges;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String firstSentence(String details) {
        String flat = details.replaceAll("\\s+", " ").strip();
        int dot = flat.indexOf(". ");
        String sentence = dot > 0 ? flat.substring(0, dot + 1) : flat;
        return sentence.length() > 200 ? sentence.substring(0, 197) + "..." : sentence;
    }
}
