package netcanvas.graph;

/** Zeroes elements with probability p while training; the identity at inference. */
public record Dropout(@Param(label = "Probability", defaultValue = "0.5", min = 0, max = 1) double p)
        implements Elementwise {

    public Dropout {
        Checks.between("dropout probability", p, 0, 1);
    }

    @Override
    public String keyParams() {
        return "p=" + p;
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
