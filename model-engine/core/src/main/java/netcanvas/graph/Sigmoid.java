package netcanvas.graph;

/** Logistic sigmoid, as torch.nn.Sigmoid. */
public record Sigmoid() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
