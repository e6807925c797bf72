package netcanvas.graph;

/** Parses and checks parameter values written as text (defaults, inspector fields). */
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

    /** Checks a value against the parameter's type and bounds; returns it unchanged. */
    static Object checkRange(LayerKind.ParamInfo p, Object v) {
        Param m = p.meta();
        String name = "parameter \"" + p.name() + "\"";
        if (p.type() == int.class) {
            if (!(v instanceof Integer i)) {
                throw new IllegalArgumentException(name + " must be an integer");
            }
            within(name, i, m);
        } else if (p.type() == double.class) {
            if (!(v instanceof Double d)) {
                throw new IllegalArgumentException(name + " must be a number");
            }
            within(name, d, m);
        } else if (p.type() == boolean.class) {
            if (!(v instanceof Boolean)) {
                throw new IllegalArgumentException(name + " must be true or false");
            }
        } else if (p.type() == String.class) {
            if (!(v instanceof String)) {
                throw new IllegalArgumentException(name + " must be a name");
            }
        } else if (p.type() == Hw.class) {
            if (!(v instanceof Hw hw)) {
                throw new IllegalArgumentException(name + " must be a pair [h, w]");
            }
            within(name, hw.h(), m);
            within(name, hw.w(), m);
        } else if (p.type() == Padding.class) {
            if (!(v instanceof Padding pad)) {
                throw new IllegalArgumentException(name + " must be a pair [h, w] or \"same\"");
            }
            if (!pad.same()) {
                within(name, pad.h(), m);
                within(name, pad.w(), m);
            }
        } else if (p.type() == LayerSpec.class) {
            if (!(v instanceof LayerSpec)) {
                throw new IllegalArgumentException(name + " must be a layer or block");
            }
        }
        return v;
    }

    private static void within(String name, double v, Param m) {
        if (!(v >= m.min() && v <= m.max())) {
            throw new IllegalArgumentException(name + " must be between " + fmt(m.min()) + " and " + fmt(m.max())
                    + ", got " + fmt(v));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
