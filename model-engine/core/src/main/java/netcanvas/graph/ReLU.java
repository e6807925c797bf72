package netcanvas.graph;

/** max(0, x), as torch.nn.ReLU. */
@Kind(json = "relu", title = "ReLU", category = Category.ACTIVATION,
        formula = "shape unchanged; 1 op per element")
public record ReLU() implements Elementwise {
    @Override
    public InitHint initHint() {
        return InitHint.HE;
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
