package netcanvas.graph;

/** Softmax over the channel (feature) axis, as torch.nn.Softmax(dim=1). */
@Kind(json = "softmax", title = "Softmax", category = Category.ACTIVATION,
        formula = "over channels; shape unchanged; 1 op per element")
public record Softmax() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
