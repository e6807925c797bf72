package netcanvas.graph;

/** max(0, x), as torch.nn.ReLU. */
public record ReLU() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
