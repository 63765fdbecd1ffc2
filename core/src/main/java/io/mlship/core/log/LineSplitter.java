package io.mlship.core.log;

/**
 * Turns arbitrary chunks of text (as a Docker stream delivers them) into whole lines: a chunk may
 * end mid-line and the rest arrives with the next one. Carriage returns end a line as well, so
 * progress bars do not grow into one endless line.
 */
public final class LineSplitter {

    private final LogSink sink;
    private final StringBuilder pending = new StringBuilder();
    private final boolean keepCarriageReturns;
    private boolean afterCarriageReturn;

    public LineSplitter(LogSink sink) {
        this(sink, false);
    }

    private LineSplitter(LogSink sink, boolean keepCarriageReturns) {
        this.sink = sink;
        this.keepCarriageReturns = keepCarriageReturns;
    }

    /**
     * For lines that are stored: only a newline ends a line and every carriage return stays in it (before the
     * newline of a CRLF, or a progress bar's), so the stored log is byte for byte what came; a console makes
     * them visible or drops a CRLF's (see ControlCharacters).
     */
    public static LineSplitter keepingCarriageReturns(LogSink sink) {
        return new LineSplitter(sink, true);
    }

    public void accept(String chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (keepCarriageReturns) {
                if (c == '\n') {
                    emit();
                } else {
                    pending.append(c);
                }
            } else if (c == '\n' && afterCarriageReturn) {
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
