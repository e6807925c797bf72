package netcanvas.io;

/**
 * Text from a file (an id, a name, a class label) made safe to print: a shared file must not be able to clear the
 * terminal, set its title, move the cursor, reorder what is shown or forge output lines. Control characters (C0,
 * including line breaks and tabs, DEL and C1) and the Unicode bidirectional controls are written as visible escapes
 * ({@code \x1b}, {@code \n}, {@code \u202e}); everything else is kept.
 */
public final class SafeText {
    private SafeText() {
    }

    /** True for a character {@link #of} escapes. */
    public static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The text with every control and bidi character escaped; null stays null. */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c <= 0xff) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /**
     * A message for the terminal that may span lines: each line escaped as {@link #of} does, the line breaks
     * between them kept.
     */
    public static String lines(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split("\n", -1);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(of(parts[i]));
        }
        return b.toString();
    }

    /**
     * A CSV cell (RFC 4180) that a spreadsheet will not run as a formula: text starting with =, +, -, @, a tab or a
     * carriage return gets a leading single quote (OWASP's advice), control characters are escaped as in
     * {@link #of}, and a cell holding a comma or quote is quoted with its quotes doubled. Plain numbers written by
     * NetCanvas itself do not go through here.
     */
    public static String csvCell(String v) {
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        s = of(s);
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
