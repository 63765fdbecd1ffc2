package io.mlship.core.log;

/**
 * Where a capability sends the lines it produces. Every line handed to a sink is complete
 * (no trailing newline); a sink never drops one.
 */
@FunctionalInterface
public interface LogSink {

    void line(String text);

    /** A sink that forwards each line to both sinks, in order. */
    default LogSink and(LogSink other) {
        return text -> {
            line(text);
            other.line(text);
        };
    }

    static LogSink discarding() {
        return text -> { };
    }
}
