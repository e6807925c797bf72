package netcanvas.graph;

/** x * sigmoid(x) (swish), as torch.nn.SiLU. */
public record SiLU() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
