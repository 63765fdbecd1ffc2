package io.mlship.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.OutputRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Open Inference Protocol answers compared output by output. */
class OutputComparisonTest {

    private static byte[] answer(String outputs) {
        return ("{\"model_name\":\"iris\",\"outputs\":[" + outputs + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String output(String name, String type, String data) {
        return "{\"name\":\"" + name + "\",\"datatype\":\"" + type + "\",\"shape\":[2],\"data\":" + data + "}";
    }

    private final OutputComparison defaults = new OutputComparison(CriteriaSpec.defaults());

    @Test
    void classesMustBeEqualAndNumbersWithinTheTolerance() {
        var same = defaults.compare(answer(output("predict", "INT64", "[1,2]") + "," + output("proba", "FP32", "[0.5,0.25]")),
                answer(output("predict", "INT64", "[1,2]") + "," + output("proba", "FP32", "[0.5000000001,0.25]")));
        assertThat(same.pair()).isEqualTo(PairResult.AGREE);
        assertThat(same.outputs()).isEqualTo(Map.of("predict", true, "proba", true));

        var otherClass = defaults.compare(answer(output("predict", "INT64", "[1,2]")), answer(output("predict", "INT64", "[1,0]")));
        assertThat(otherClass.pair()).isEqualTo(PairResult.DISAGREE);
        assertThat(otherClass.outputs()).containsEntry("predict", false);

        var farNumber = defaults.compare(answer(output("proba", "FP32", "[0.5]")), answer(output("proba", "FP32", "[0.51]")));
        assertThat(farNumber.pair()).isEqualTo(PairResult.DISAGREE);
    }

    @Test
    void aToleranceGivenInTheSpecIsUsedForThatOutput() {
        var loose = new OutputComparison(new CriteriaSpec(0.99, List.of(OutputRule.numbers("proba", 0.05)), 0.01, 1.5, 0.9));
        assertThat(loose.compare(answer(output("proba", "FP32", "[0.5]")), answer(output("proba", "FP32", "[0.51]"))).pair())
                .isEqualTo(PairResult.AGREE);
        assertThat(loose.compare(answer(output("proba", "FP32", "[0.5]")), answer(output("proba", "FP32", "[0.6]"))).pair())
                .isEqualTo(PairResult.DISAGREE);
    }

    @Test
    void onlyTheOutputsNamedInTheCriteriaAreComparedAndANamedOutputMissingDisagrees() {
        var classOnly = new OutputComparison(new CriteriaSpec(0.99, List.of(OutputRule.classes("class")), 0.01, 1.5, 0.9));
        var outcome = classOnly.compare(answer(output("class", "BYTES", "[\"setosa\"]") + "," + output("probabilities", "FP32", "[0.9,0.1]")),
                answer(output("class", "BYTES", "[\"setosa\"]") + "," + output("probabilities", "FP32", "[0.6,0.4]")));
        assertThat(outcome.pair()).isEqualTo(PairResult.AGREE);
        assertThat(outcome.outputs()).containsOnlyKeys("class");
        var unknown = new OutputComparison(new CriteriaSpec(0.99, List.of(OutputRule.classes("label")), 0.01, 1.5, 0.9));
        assertThat(unknown.compare(answer(output("class", "BYTES", "[\"setosa\"]")), answer(output("class", "BYTES", "[\"setosa\"]"))).outputs())
                .containsEntry("label", false);
    }

    @Test
    void stringClassesNestedDataMissingOutputsAndNonAnswers() {
        assertThat(defaults.compare(answer(output("label", "BYTES", "[\"setosa\"]")), answer(output("label", "BYTES", "[\"setosa\"]"))).pair())
                .isEqualTo(PairResult.AGREE);
        assertThat(defaults.compare(answer(output("label", "BYTES", "[\"setosa\"]")), answer(output("label", "BYTES", "[\"virginica\"]"))).pair())
                .isEqualTo(PairResult.DISAGREE);
        assertThat(defaults.compare(answer(output("m", "FP32", "[[1.0,2.0],[3.0,4.0]]")), answer(output("m", "FP32", "[1.0,2.0,3.0,4.0]"))).pair())
                .isEqualTo(PairResult.AGREE);
        var missing = defaults.compare(answer(output("predict", "INT64", "[1]") + "," + output("proba", "FP32", "[0.5]")),
                answer(output("predict", "INT64", "[1]")));
        assertThat(missing.pair()).isEqualTo(PairResult.DISAGREE);
        assertThat(missing.outputs()).containsEntry("proba", false).containsEntry("predict", true);
        assertThat(defaults.compare(answer(output("predict", "INT64", "[1]")), "not json".getBytes(StandardCharsets.UTF_8)).pair())
                .isEqualTo(PairResult.DISAGREE);
        assertThat(defaults.compare(answer(output("predict", "INT64", "[1,2]")), answer(output("predict", "INT64", "[1]"))).pair())
                .isEqualTo(PairResult.DISAGREE);
    }
}
