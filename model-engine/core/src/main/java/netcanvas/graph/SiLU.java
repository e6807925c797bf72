package netcanvas.graph;

import java.util.List;

/** x * sigmoid(x) (swish), as torch.nn.SiLU. */
@Kind(json = "silu", title = "SiLU", category = Category.ACTIVATION,
        formula = "x * sigmoid(x) (swish); shape unchanged; 1 op per element")
public record SiLU() implements Elementwise {
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // x * sigmoid(x): the sigmoid and the product forward; backward the product's gradient (one call for both
        // factors), the sigmoid's, and the sum of x's two gradients
        return TrainingWork.standard(2 + 3);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: the sigmoid and the product; backward the product's two gradients, the sigmoid's and their
     * sum, the input's gradient.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(2, 3);
    }
}
