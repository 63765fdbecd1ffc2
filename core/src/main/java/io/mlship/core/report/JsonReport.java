package io.mlship.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a report (maps, lists, strings, numbers, booleans) as indented JSON, creating the folder it goes in.
 * These are written with Jackson's streaming generator: a scan's report is written at the end of a run of about
 * half a second, and setting up the data-binding {@code ObjectMapper} for it (serializer lookup, interpreted
 * on first use) took about 20 ms. Any other kind of value is handed to an {@code ObjectMapper}, created only then;
 * the output is the same as the mapper's with {@code INDENT_OUTPUT} (tested).
 */
public final class JsonReport {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Created on first use: most reports hold only maps, lists and scalars. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    private JsonReport() {
    }

    public static void write(Object report, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                write(report, out);
            }
        } catch (IOException e) {
            throw new MlshipException("cannot write report " + file + ": " + e.getMessage()
                    + "; check that the folder is writable and the disk not full", e);
        }
    }

    /** The report as indented JSON, UTF-8, into {@code out} (left open). */
    public static void write(Object report, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            value(report, json);
        }
    }

    private static void value(Object value, JsonGenerator json) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                value(entry.getValue(), json);
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                value(item, json);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else {
            Mapper.INSTANCE.writeValue(json, value);
        }
    }
}
