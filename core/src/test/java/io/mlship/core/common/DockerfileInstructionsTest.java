package io.mlship.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileInstructionsTest {

    @Test
    void numbersInstructionsLikeTheClassicBuilderAndKeepTheirLines() {
        DockerfileInstructions parsed = DockerfileInstructions.parse(List.of(
                "# syntax comment",
                "FROM base",
                "",
                "# a comment between instructions",
                "RUN echo one \\",
                "    && echo two",
                "COPY a /b"));
        assertThat(parsed.all()).containsExactly(
                new DockerfileInstructions.Instruction(1, 2, "FROM base"),
                new DockerfileInstructions.Instruction(2, 5, "RUN echo one && echo two"),
                new DockerfileInstructions.Instruction(3, 7, "COPY a /b"));
    }

    @Test
    void commentsInsideAContinuationDoNotEndIt() {
        DockerfileInstructions parsed = DockerfileInstructions.parse(List.of(
                "FROM base",
                "RUN apt-get install \\",
                "# explained here",
                "    curl"));
        assertThat(parsed.step(2)).contains(new DockerfileInstructions.Instruction(2, 2, "RUN apt-get install curl"));
    }

    @Test
    void honoursTheEscapeDirective() {
        DockerfileInstructions parsed = DockerfileInstructions.parse(List.of(
                "# escape=`",
                "FROM base",
                "RUN dir `",
                "  c:\\"));
        assertThat(parsed.step(2)).contains(new DockerfileInstructions.Instruction(2, 3, "RUN dir c:\\"));
    }

    @Test
    void unknownStepIsEmpty() {
        assertThat(DockerfileInstructions.parse(List.of("FROM base")).step(2)).isEmpty();
    }
}
