package netcanvas.graph;

/** min(max(x, 0), 6), as torch.nn.ReLU6. */
public record ReLU6() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
