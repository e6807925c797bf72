package netcanvas.graph;

import java.util.List;

/** x * relu6(x + 3) / 6, as torch.nn.Hardswish. */
@Kind(json = "hardswish", title = "Hardswish", category = Category.ACTIVATION,
        formula = "x * relu6(x + 3) / 6; shape unchanged; 1 op per element")
public record Hardswish() implements Elementwise {
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // x * relu6(x + 3) / 6: the addition, ReLU6, the product and the division forward; backward the division's,
        // the product's (one call for both factors), ReLU6's (five calls: train.Relu6Gradient) and the sum of x's
        // two gradients
        return TrainingWork.standard(4 + 8);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: x + 3, its ReLU6, the division by 6 and the product; backward the product's two gradients,
     * the division's, ReLU6's and the sum of x's two gradients, the input's.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(4, 4);
    }
}
