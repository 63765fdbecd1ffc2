package io.mlship.plugin;

import io.mlship.core.MlshipException;
import io.mlship.core.log.capture.CaptureSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a step's {@code noise} and {@code maskVariables} arguments mean for its log capture. Jenkins
 * masks {@code withCredentials} values in the build log only; the step's own files (complete logs,
 * index) are masked by mlship, so the step is told which bound variables hold secrets. The registry
 * password variable is always masked.
 */
final class StepLogOptions {

    private StepLogOptions() {
    }

    static CaptureSettings settings(String step, List<String> noise, List<String> maskVariables, Map<String, String> environment) {
        List<String> secrets = new ArrayList<>();
        for (String variable : maskVariables) {
            String value = environment.get(variable);
            if (value == null) {
                throw new MlshipException(step + ": maskVariables names $" + variable + ", which is not set here; bind it with "
                        + "withCredentials around the step, or drop it from maskVariables");
            }
            secrets.add(value);
        }
        String registryPassword = environment.get(BuildImageInvocation.PASSWORD_VARIABLE);
        if (registryPassword != null) {
            secrets.add(registryPassword);
        }
        return CaptureSettings.defaults().withNoise(noise).withSecrets(secrets);
    }
}
