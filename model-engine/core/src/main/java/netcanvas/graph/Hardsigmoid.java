package netcanvas.graph;

import java.util.List;

/** relu6(x + 3) / 6, as torch.nn.Hardsigmoid (slope 1/6, not Keras' 0.2). */
@Kind(json = "hardsigmoid", title = "Hardsigmoid", category = Category.ACTIVATION,
        formula = "relu6(x + 3) / 6; shape unchanged; 1 op per element")
public record Hardsigmoid() implements Elementwise {
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // relu6(x + 3) / 6: the addition, ReLU6 and the division forward; backward the division's and ReLU6's
        // gradients, ReLU6's five calls (train.Relu6Gradient; the addition passes its gradient on as it is)
        return TrainingWork.standard(3 + 6);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: x + 3, its ReLU6 and the division by 6; backward the division's gradient and ReLU6's, the
     * input's (the addition's gradient is its own).
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(3, 1);
    }
}
