package netcanvas.graph;

import java.util.List;

/** max(0, x), as torch.nn.ReLU. */
@Kind(json = "relu", title = "ReLU", category = Category.ACTIVATION,
        formula = "shape unchanged; 1 op per element")
public record ReLU() implements Elementwise {
    @Override
    public InitHint initHint() {
        return InitHint.HE;
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // forward the ReLU and its mask (each read and written), backward the gradient times the mask
        return TrainingWork.passes(2 + 1, 2 + 2 + 3);
    }

    /**
     * Held for training: the output; backward the mask of positive inputs ({@code step}) and the input's gradient,
     * its product with the output's (measured by value in the planning pass).
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(1, 1);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
