package io.mlship.core.log;

import java.io.PrintStream;

/** Sends each line to a console: the CLI's standard output or a Jenkins step log. */
public final class PrintStreamLogSink implements LogSink {

    private final PrintStream out;

    public PrintStreamLogSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void line(String text) {
        out.println(ControlCharacters.visible(text)); // a console never gets raw control characters
        out.flush();
    }
}
