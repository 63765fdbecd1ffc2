package io.mlship.core.log;

/**
 * Turns arbitrary chunks of text (as a Docker stream delivers them) into whole lines: a chunk may
 * end mid-line and the rest arrives with the next one. Carriage returns end a line as well, so
 * progress bars do not grow into one endless line.
 */
public final class LineSplitter {

    private final LogSink sink;
    private final StringBuilder pending = new StringBuilder();
    private boolean afterCarriageReturn;

    public LineSplitter(LogSink sink) {
        this.sink = sink;
    }

    public void accept(String chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false; // second half of a CRLF, possibly split across chunks
            } else if (c == '\n' || c == '\r') {
                afterCarriageReturn = c == '\r';
                emit();
            } else {
                afterCarriageReturn = false;
                pending.append(c);
            }
        }
    }

    /** Emits a last line that had no newline. */
    public void finish() {
        if (pending.length() > 0) {
            emit();
        }
    }

    private void emit() {
        sink.line(pending.toString());
        pending.setLength(0);
    }
}
