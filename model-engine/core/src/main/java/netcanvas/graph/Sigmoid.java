package netcanvas.graph;

/** Logistic sigmoid, as torch.nn.Sigmoid. */
@Kind(json = "sigmoid", title = "Sigmoid", category = Category.ACTIVATION,
        formula = "shape unchanged; 1 op per element")
public record Sigmoid() implements Elementwise {
    @Override
    public InitHint initHint() {
        return InitHint.XAVIER;
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
