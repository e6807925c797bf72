package netcanvas.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import netcanvas.io.SafeText;

/**
 * The last line of defence for what the command line prints: every control character (C0 but line feed and tab, DEL,
 * C1) and every bidi control is written as a visible escape, so no text a command prints (an id, a name or a class
 * label read from a shared file) can clear the terminal, set its title or reorder a line. Commands escape text from
 * files themselves where it is embedded ({@link SafeText}), line breaks included; this catches whatever they miss.
 */
public final class TerminalSafeWriter extends FilterWriter {
    private TerminalSafeWriter(Writer out) {
        super(out);
    }

    /** The command line's out and err, wrapped (autoflush on, as picocli's own writers are). */
    public static picocli.CommandLine wrap(picocli.CommandLine cl) {
        cl.setOut(new PrintWriter(new TerminalSafeWriter(cl.getOut()), true));
        cl.setErr(new PrintWriter(new TerminalSafeWriter(cl.getErr()), true));
        return cl;
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (ch != '\n' && ch != '\t' && SafeText.needsEscape(ch)) {
            out.write(SafeText.of(String.valueOf(ch)));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char ch = cbuf[i];
            if (ch != '\n' && ch != '\t' && SafeText.needsEscape(ch)) {
                out.write(cbuf, start, i - start);
                out.write(SafeText.of(String.valueOf(ch)));
                start = i + 1;
            }
        }
        out.write(cbuf, start, end - start);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        write(str.toCharArray(), off, len);
    }
}
