package netcanvas.graph;

/** x * relu6(x + 3) / 6, as torch.nn.Hardswish. */
@Kind(json = "hardswish", title = "Hardswish", category = Category.ACTIVATION,
        formula = "x * relu6(x + 3) / 6; shape unchanged; 1 op per element")
public record Hardswish() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
