package netcanvas.graph;

/** Hyperbolic tangent, as torch.nn.Tanh. */
public record Tanh() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
