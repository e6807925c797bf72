package netcanvas.graph;

/** max(0, x) + slope * min(0, x), as torch.nn.LeakyReLU. */
@Kind(json = "leaky_relu", title = "LeakyReLU", category = Category.ACTIVATION,
        formula = "shape unchanged; 1 op per element")
public record LeakyReLU(@Param(label = "Negative slope", defaultValue = "0.01", min = 0, max = 1) double slope)
        implements Elementwise {

    public LeakyReLU {
        ParamBounds.check(LeakyReLU.class, slope);
    }

    @Override
    public String keyParams() {
        return Double.toString(slope);
    }

    @Override
    public InitHint initHint() {
        return InitHint.HE;
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
