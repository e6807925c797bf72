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
     * Held for training: the output; its gradient is two arrays, the mask of positive inputs ({@code step}) and the
     * product of the output gradient with it (SameDiff's derivative; the step's planning pass holds both).
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output) {
        return TrainingMemory.values(1, 2);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
