package netcanvas.graph;

import java.util.List;

/** min(max(x, 0), 6), as torch.nn.ReLU6. */
@Kind(json = "relu6", title = "ReLU6", category = Category.ACTIVATION,
        formula = "min(max(x, 0), 6); shape unchanged; 1 op per element")
public record ReLU6() implements Elementwise {
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // forward relu6 (read and write); backward the step's five passes (train.Relu6Gradient): x > 0, 6 - x,
        // its step, the masks' product and the product with the gradient
        return TrainingWork.passes(1 + 5, 2 + 2 + 2 + 2 + 3 + 3);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
