package io.mlship.core.image;

import io.mlship.core.MlshipException;
import io.mlship.core.common.DockerfileInstructions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The daemon refused or failed the build. Names the failing Dockerfile instruction (step and line)
 * when the builder got that far, carries that step's output, and points at the complete log.
 */
public final class ImageBuildFailedException extends MlshipException {

    private static final long serialVersionUID = 1L;

    private final transient DockerfileInstructions.Instruction failingInstruction;
    private final List<String> stepOutput;
    private final String daemonError;
    private final transient Path logFile;

    ImageBuildFailedException(Path dockerfile, DockerfileInstructions.Instruction failingInstruction,
                              List<String> stepOutput, String daemonError, Path logFile) {
        super(describe(dockerfile, failingInstruction, stepOutput, daemonError, logFile));
        this.failingInstruction = failingInstruction;
        this.stepOutput = List.copyOf(stepOutput);
        this.daemonError = daemonError;
        this.logFile = logFile;
    }

    private static String describe(Path dockerfile, DockerfileInstructions.Instruction instruction,
                                   List<String> output, String error, Path logFile) {
        StringBuilder b = new StringBuilder("image build failed");
        if (instruction != null) {
            b.append(" at ").append(dockerfile).append(':').append(instruction.line())
                    .append(" (step ").append(instruction.step()).append("): ").append(instruction.text());
        }
        b.append("\n  error: ").append(error);
        if (instruction != null && instruction.text().regionMatches(true, 0, "FROM ", 0, 5)) {
            b.append("\n  hint: the base image is not on this Docker daemon and could not be pulled; load or build it "
                    + "there first (mlship/base:busybox is made by `scripts/services start`)");
        }
        if (!output.isEmpty()) {
            b.append("\n  output of the failing step:");
            for (String line : output) {
                b.append("\n    | ").append(line);
            }
        }
        b.append("\n  complete build log: ").append(logFile);
        return b.toString();
    }

    public Optional<DockerfileInstructions.Instruction> failingInstruction() {
        return Optional.ofNullable(failingInstruction);
    }

    public List<String> stepOutput() {
        return stepOutput;
    }

    public String daemonError() {
        return daemonError;
    }

    public Path logFile() {
        return logFile;
    }
}
