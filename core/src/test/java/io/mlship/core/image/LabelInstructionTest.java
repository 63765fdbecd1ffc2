package io.mlship.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.common.DockerfileInstructions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelInstructionTest {

    private static final List<String> MULTI_STAGE = List.of(
            "FROM mlship/base:busybox AS build",
            "RUN echo build",
            "FROM mlship/base:busybox AS runtime",
            "CMD [\"sh\"]");

    @Test
    void appendsOneLabelInstructionWithAllLabelsSorted() {
        String dockerfile = LabelInstruction.addTo(MULTI_STAGE, DockerfileInstructions.parse(MULTI_STAGE), null,
                Map.of("b", "2", "a", "1"));
        assertThat(dockerfile.lines().toList()).endsWith("CMD [\"sh\"]", "LABEL \"a\"=\"1\" \"b\"=\"2\"");
    }

    @Test
    void labelsGoAtTheEndOfTheTargetStage() {
        String dockerfile = LabelInstruction.addTo(MULTI_STAGE, DockerfileInstructions.parse(MULTI_STAGE), "build", Map.of("a", "1"));
        assertThat(dockerfile.lines().toList()).containsExactly(
                "FROM mlship/base:busybox AS build", "RUN echo build", "LABEL \"a\"=\"1\"",
                "FROM mlship/base:busybox AS runtime", "CMD [\"sh\"]");
    }

    @Test
    void quotesWhatTheDockerfileParserWouldInterpret() {
        assertThat(LabelInstruction.quote("{\"lr\":\"0.01\"} $HOME \\")).isEqualTo("\"{\\\"lr\\\":\\\"0.01\\\"} \\$HOME \\\\\"");
    }

    @Test
    void noLabelsLeavesTheDockerfileAsItIs() {
        assertThat(LabelInstruction.addTo(MULTI_STAGE, DockerfileInstructions.parse(MULTI_STAGE), null, Map.of()))
                .isEqualTo(String.join("\n", MULTI_STAGE) + "\n");
    }
}
