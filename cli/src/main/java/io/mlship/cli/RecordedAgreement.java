package io.mlship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the example's training recorded about v1 and v2 on the evaluation set ({@code eval/disagreement.json}: how many
 * inputs, on how many they disagree): the agreement a shadow of v2 over that set must measure.
 */
record RecordedAgreement(int inputs, int disagree, Path file) {

    static RecordedAgreement read(Path project) {
        Path file = project.resolve("eval/disagreement.json");
        try {
            JsonNode record = new ObjectMapper().readTree(file.toFile());
            return new RecordedAgreement(record.get("inputs").asInt(), record.get("disagree").asInt(), file);
        } catch (IOException | NullPointerException e) {
            throw new MlshipException(file + ": cannot read the recorded disagreement ({\"inputs\": n, \"disagree\": m, ...}): "
                    + e.getMessage() + ". Retrain the example (examples/iris-model/README.md) to write it");
        }
    }

    double agreement() {
        return (inputs - disagree) / (double) inputs;
    }

    /** The same share as a measured one (the judge's PromQL division of the same two integers, so equal up to rounding). */
    boolean equalsAgreement(double measured) {
        return Math.abs(measured - agreement()) < 1e-9;
    }

    String describe() {
        return (inputs - disagree) + "/" + inputs + " agree = " + String.format(Locale.ROOT, "%.6f", agreement()) + " (" + file.getFileName() + ")";
    }
}
