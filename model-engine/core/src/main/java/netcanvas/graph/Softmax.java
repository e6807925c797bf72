package netcanvas.graph;

/** Softmax over the channel (feature) axis, as torch.nn.Softmax(dim=1). */
public record Softmax() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
