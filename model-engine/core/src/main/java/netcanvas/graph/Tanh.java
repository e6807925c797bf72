package netcanvas.graph;

/** Hyperbolic tangent, as torch.nn.Tanh. */
@Kind(json = "tanh", title = "Tanh", category = Category.ACTIVATION,
        formula = "shape unchanged; 1 op per element")
public record Tanh() implements Elementwise {
    @Override
    public InitHint initHint() {
        return InitHint.XAVIER;
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
