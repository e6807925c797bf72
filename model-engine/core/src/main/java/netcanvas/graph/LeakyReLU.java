package netcanvas.graph;

/** max(0, x) + slope * min(0, x), as torch.nn.LeakyReLU. */
public record LeakyReLU(@Param(label = "Negative slope", defaultValue = "0.01", min = 0, max = 1) double slope)
        implements Elementwise {

    public LeakyReLU {
        Checks.between("negative slope", slope, 0, 1);
    }

    @Override
    public String keyParams() {
        return Double.toString(slope);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
