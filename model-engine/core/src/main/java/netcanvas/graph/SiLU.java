package netcanvas.graph;

/** x * sigmoid(x) (swish), as torch.nn.SiLU. */
@Kind(json = "silu", title = "SiLU", category = Category.ACTIVATION,
        formula = "x * sigmoid(x) (swish); shape unchanged; 1 op per element")
public record SiLU() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
