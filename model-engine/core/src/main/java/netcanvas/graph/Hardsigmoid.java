package netcanvas.graph;

/** relu6(x + 3) / 6, as torch.nn.Hardsigmoid (slope 1/6, not Keras' 0.2). */
@Kind(json = "hardsigmoid", title = "Hardsigmoid", category = Category.ACTIVATION,
        formula = "relu6(x + 3) / 6; shape unchanged; 1 op per element")
public record Hardsigmoid() implements Elementwise {
    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
