package io.mlship.core;

/**
 * A failure mlship explains to its user: the message says what went wrong, where, and how to fix it.
 * Front ends (CLI, Jenkins steps) print the message as it is, without a stack trace.
 */
public class MlshipException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MlshipException(String message) {
        super(message);
    }

    public MlshipException(String message, Throwable cause) {
        super(message, cause);
    }
}
