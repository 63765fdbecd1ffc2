package io.mlship.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"model", "team/model:1.0", "localhost:5000/team/model:v1.2-rc_1", "a.b-c/d__e/f:latest"})
    void acceptsValidReferences(String value) {
        assertThat(new ImageReference(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Team/Model", "model:", "model:bad tag", "/model", "model//x", ":1.0"})
    void rejectsInvalidReferencesNamingTheValueAndTheFix(String value) {
        assertThatThrownBy(() -> new ImageReference(value))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("`" + value + "`")
                .hasMessageContaining("e.g.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void rejectsEmptyReferences(String value) {
        assertThatThrownBy(() -> new ImageReference(value)).hasMessageContaining("empty");
    }
}
