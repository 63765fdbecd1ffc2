package io.mlship.cli;

import io.mlship.core.MlshipException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --mask-env NAME}: environment variables whose values are secrets to mask in every stored log and report.
 * The plugin names the variables it bound from credentials this way, so the values never appear on a command line.
 */
final class MaskedVariables {

    static final String DESCRIPTION = "Environment variable whose value is a secret to mask in every stored log and report; repeatable.";

    private MaskedVariables() {
    }

    static List<String> values(List<String> names, Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            String value = environment.get(name);
            if (value == null) {
                throw new MlshipException("--mask-env " + name + ": $" + name + " is not set; set it or drop the option");
            }
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }
}
