package io.mlship.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming writer must write exactly what the data-binding mapper with INDENT_OUTPUT wrote before it. */
class JsonReportTest {

    private static Map<String, Object> sample() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("id", "CVE-2021-44228");
        inner.put("aliases", List.of("GHSA-jfh8-c2jp-5v3q"));
        inner.put("fixedVersion", null);
        inner.put("text", "quotes \" backslash \\ tab \t newline \n unicode ü € \u0001");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("image", "mlship/iris:1");
        report.put("passed", false);
        report.put("count", 232);
        report.put("bytes", 1_578_000_000_000L);
        report.put("ratio", 0.39);
        report.put("float", 1.5f);
        report.put("decimal", new BigDecimal("12.50"));
        report.put("day", DayOfWeek.MONDAY); // not a map, list or scalar: handed to the mapper
        report.put("empty", Map.of());
        report.put("none", List.of());
        report.put("findings", List.of(inner, inner));
        report.put("nested", Arrays.asList(List.of(1, 2), null, "x"));
        return report;
    }

    @Test
    void writesWhatTheObjectMapperWrote() throws Exception {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        JsonReport.write(sample(), streamed);
        String expected = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sample());
        assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void writesTheFileAndItsFolder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports/scan.json");
        JsonReport.write(Map.of("status", "passed"), file);
        assertThat(Files.readString(file)).isEqualTo("{\n  \"status\" : \"passed\"\n}");
    }
}
