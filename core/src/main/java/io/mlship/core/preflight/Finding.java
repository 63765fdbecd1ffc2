package io.mlship.core.preflight;

/**
 * One pre-flight observation. {@code ERROR} stops the build; {@code WARNING} is shown and kept in the
 * report; {@code INFO} is a plain fact (e.g. a model file's size).
 *
 * @param rule     stable id, e.g. {@code requirements.unpinned}, {@code dockerfile.no-user}
 * @param location file and line ({@code requirements.txt:3}) or file
 */
public record Finding(Severity severity, String rule, String location, String message) {

    public enum Severity { ERROR, WARNING, INFO }

    @Override
    public String toString() {
        return severity + " " + rule + " " + location + ": " + message;
    }
}
