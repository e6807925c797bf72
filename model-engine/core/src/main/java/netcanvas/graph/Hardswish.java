package netcanvas.graph;

/** x * relu6(x + 3) / 6, as torch.nn.Hardswish. */
public record Hardswish() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
