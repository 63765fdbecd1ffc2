package io.mlship.cli;

import io.mlship.core.log.ControlCharacters;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the CLI prints goes through here: control characters in text mlship did not write (container and
 * build output, paths inside a scanned image, error messages quoting them) are made visible
 * ({@link ControlCharacters}), so nothing can drive the user's terminal. Newline and TAB pass; a CR right
 * before a newline is dropped (the end of a CRLF line), any other CR is shown as {@code \r}.
 */
final class VisibleControlsWriter extends FilterWriter {

    private boolean pendingCarriageReturn;

    VisibleControlsWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (pendingCarriageReturn) {
            pendingCarriageReturn = false;
            if (c == '\n') {
                out.write('\n');
                return;
            }
            out.write("\\r");
        }
        if (c == '\r') {
            pendingCarriageReturn = true;
        } else if (c == '\n' || !ControlCharacters.isUnsafe(c)) {
            out.write(c);
        } else {
            StringBuilder shown = new StringBuilder(4);
            ControlCharacters.appendVisible(shown, (char) c);
            out.write(shown.toString());
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(buffer[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(text.charAt(i));
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingCarriageReturn) {
            pendingCarriageReturn = false;
            out.write("\\r");
        }
        out.close();
    }
}
