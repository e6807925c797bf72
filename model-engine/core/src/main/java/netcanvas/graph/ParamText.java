package netcanvas.graph;

/** Parses parameter values written as text (defaults, inspector fields); {@link ParamBounds} checks them. */
public final class ParamText {
    private ParamText() {
    }

    /**
     * Parses "64", "3x3" (or "3" for a square pair), "same", "true", "1e-5" into the given parameter type.
     *
     * @throws IllegalArgumentException with a message for people
     */
    public static Object parse(Class<?> type, String text) {
        String t = text.trim();
        try {
            if (type == int.class) {
                return Integer.parseInt(t);
            }
            if (type == double.class) {
                double d = Double.parseDouble(t);
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("\"" + text + "\" is not a finite number");
                }
                return d;
            }
            if (type == boolean.class) {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw new IllegalArgumentException("\"" + text + "\" is not true or false");
            }
            if (type == String.class) {
                return t;
            }
            if (type == Hw.class) {
                return parsePair(t);
            }
            if (type == Padding.class) {
                if (t.equalsIgnoreCase("same")) {
                    return Padding.SAME;
                }
                Hw p = parsePair(t);
                return Padding.of(p.h(), p.w());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a number");
        }
        throw new IllegalArgumentException("a " + type.getSimpleName() + " cannot be typed as text");
    }

    private static Hw parsePair(String t) {
        String[] parts = t.split("[xX,*]");
        if (parts.length == 1) {
            return Hw.of(Integer.parseInt(parts[0].trim()));
        }
        if (parts.length == 2) {
            return new Hw(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
        throw new IllegalArgumentException("\"" + t + "\" is not a size such as 3 or 3x3");
    }

    /** The value in text form, the inverse of {@link #parse}. */
    public static String format(Object value) {
        if (value instanceof Padding p) {
            return p.same() ? "same" : p.h() + "x" + p.w();
        }
        return String.valueOf(value);
    }
}
