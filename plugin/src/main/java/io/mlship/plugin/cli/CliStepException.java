package io.mlship.plugin.cli;

/** A step cannot run the CLI: the message says what, where and what to change. The Jenkins side turns it into an AbortException. */
public final class CliStepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliStepException(String message) {
        super(message);
    }

    public CliStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
