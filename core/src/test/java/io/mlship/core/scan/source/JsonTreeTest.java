package io.mlship.core.scan.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"mlship-bench/scan:1\"],\"Layers\":[\"a/layer.tar\",\"b/layer.tar\"]}]",
        "{\"architecture\":\"amd64\",\"config\":{\"User\":\"\",\"Healthcheck\":{\"Test\":[\"NONE\"]},\"Env\":null,"
            + "\"ExposedPorts\":{\"8080/tcp\":{}}},\"rootfs\":{\"diff_ids\":[]},\"size\":12345678901234,\"tiny\":-3,"
            + "\"huge\":123456789012345678901234567890,\"ratio\":0.25,\"ok\":true,\"bad\":false}",
        "{\"a\":1,\"a\":2}",
        "\"just a string\"",
        "  [ ]  ",
        "{\"unicode\":\"caf\\u00e9 \\n\"}"
    })
    void readsTheSameTreeAsTheObjectMapper(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonTree.read(bytes)).isEqualTo(MAPPER.readTree(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{\"a\":", "[1,2", "{\"a\":1} {\"b\":2}", "{a:1}", "[1,]"})
    void badDocumentsAreIoErrors(String json) {
        assertThatThrownBy(() -> JsonTree.read(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String json = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonTree.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting depth");
    }
}
