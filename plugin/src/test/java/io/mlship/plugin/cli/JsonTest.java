package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatTheCliWrites() {
        Object value = Json.parse("{\"a\": [1, -2.5e1, true, false, null], \"s\": \"q\\\"\\\\\\/\\n\\t\\u00e9\", \"o\": {}, \"l\": []}");

        assertThat(value).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, -25.0, true, false, null), "s", "q\"\\/\n\té",
                "o", Map.of(), "l", List.of()));
    }

    @Test
    void aBrokenReportNamesTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).hasMessage("JSON: expected a field name at offset 8");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).hasMessageContaining("unexpected text after the value");
        assertThatThrownBy(() -> Json.parse("{\"a\": \"cut")).hasMessageContaining("unterminated string");
    }

    @Test
    void reportReadsByPathAndToleratesMissingFields() {
        Report report = Report.parse("r.json", "{\"status\": \"passed\", \"memory\": {\"limitBytes\": 134217728}, "
                + "\"problems\": [{\"kind\": \"OOM\", \"message\": \"killed\"}], \"ok\": true}");

        assertThat(report.string("status")).isEqualTo("passed");
        assertThat(report.number("memory.limitBytes")).contains(134217728L);
        assertThat(report.objects("problems")).hasSize(1);
        assertThat(report.bool("ok")).isTrue();
        assertThat(report.string("memory.peakBytes")).isNull();
        assertThat(report.list("nothing")).isEmpty();
        assertThat(report.string("status.deeper")).isNull();
        assertThatThrownBy(() -> Report.parse("r.json", "[1]")).isInstanceOf(CliStepException.class).hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> Report.parse("r.json", "{")).isInstanceOf(CliStepException.class)
                .hasMessageContaining("the report r.json is not valid JSON");
    }
}
