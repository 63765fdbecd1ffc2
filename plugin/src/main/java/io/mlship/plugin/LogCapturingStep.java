package io.mlship.plugin;

import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step whose logs go through mlship's log capture: {@code noise} (regexes of lines to store but not
 * show, passed as {@code --noise}) and {@code maskVariables} (variables bound by {@code withCredentials} whose
 * values are masked in every stored file, passed by name as {@code --mask-env}, never by value).
 * Pipeline binds the setters of a superclass.
 */
public abstract class LogCapturingStep extends MlshipStep {

    private List<String> noise = List.of();
    private List<String> maskVariables = List.of();

    protected LogCapturingStep(String functionName, String command) {
        super(functionName, command);
    }

    public List<String> getNoise() {
        return noise;
    }

    /** Regexes of log lines to store but not show in the step log (added to the built-in probe and keep-alive rules). */
    @DataBoundSetter
    public void setNoise(List<String> noise) {
        this.noise = noise == null ? List.of() : List.copyOf(noise);
    }

    public List<String> getMaskVariables() {
        return maskVariables;
    }

    /** Environment variables (bound by withCredentials) whose values are masked in every stored log and report. */
    @DataBoundSetter
    public void setMaskVariables(List<String> maskVariables) {
        this.maskVariables = maskVariables == null ? List.of() : List.copyOf(maskVariables);
    }

    @Override
    List<String> maskedVariables() {
        return maskVariables;
    }
}
