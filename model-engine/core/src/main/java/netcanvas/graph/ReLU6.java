package netcanvas.graph;

/** min(max(x, 0), 6), as torch.nn.ReLU6. */
@Kind(json = "relu6", title = "ReLU6", category = Category.ACTIVATION,
        formula = "min(max(x, 0), 6); shape unchanged; 1 op per element")
public record ReLU6() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
