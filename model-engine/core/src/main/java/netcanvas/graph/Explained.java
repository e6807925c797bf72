package netcanvas.graph;

/**
 * One figure of a layer as its kind's rule computes it: the symbolic formula, the same formula with this layer's
 * values, and (through {@link Expr#value()}) the number the analysis reports.
 *
 * @param figure  which number this explains
 * @param formula the rule with symbols, e.g. "floor((H + 2p - k) / s) + 1"
 * @param expr    the rule with this layer's values substituted
 */
public record Explained(Figure figure, String formula, Expr expr) {

    /**
     * The figures a primitive kind explains (its shape and cost), then those every layer computes the same way from
     * them (activation memory, receptive field, effective stride).
     */
    public enum Figure {
        CHANNELS("C'"), HEIGHT("H'"), WIDTH("W'"), FEATURES("N'"), PARAMS("params"), STATE("state"),
        MACS("MACs"), OTHER_OPS("other ops"), MEMORY("memory"), RECEPTIVE_FIELD("receptive field"),
        JUMP("jump");

        private final String label;

        Figure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Explained of(Figure f, String formula, Expr expr) {
        return new Explained(f, formula, expr);
    }

    public long value() {
        return expr.value();
    }

    /** "params = Cout x (Cin/g x kh x kw) + Cout = 96 x (3 x 11 x 11) + 96 = 34,944". */
    public String line() {
        String values = expr.text();
        String v = String.format(java.util.Locale.ROOT, "%,d", value());
        StringBuilder s = new StringBuilder(figure.label()).append(" = ").append(formula);
        if (!values.equals(formula)) {
            s.append(" = ").append(values);
        }
        if (!values.equals(Long.toString(value()))) {
            s.append(" = ").append(v);
        }
        return s.toString();
    }
}
