package netcanvas.graph;

import java.util.List;

/** Zeroes elements with probability p while training; the identity at inference. */
@Kind(json = "dropout", title = "Dropout", category = Category.NORMALISATION,
        formula = "shape unchanged; active only while training")
public record Dropout(@Param(label = "Probability", defaultValue = "0.5", min = 0, max = 1) double p)
        implements Elementwise {

    public Dropout {
        ParamBounds.check(Dropout.class, p);
    }

    @Override
    public String keyParams() {
        return "p=" + p;
    }

    @Override
    public InitHint initHint() {
        return InitHint.SEE_THROUGH;
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // the batch's shape, a uniform draw, the comparison, its cast, the scaled mask, the product; one product
        // backward (p = 0 lowers to nothing)
        return TrainingWork.standard(p > 0 ? 6 + 1 : 0);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: the uniform draw, the mask cast from its comparison (the comparison itself is a byte per
     * value, not counted), the scaled mask and the product; backward the product's gradients to the mask and to the
     * input. Without a rate it lowers to nothing.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return p > 0 ? TrainingMemory.values(4, 1) : TrainingMemory.values(0, 0).withInputSized(0);
    }
}
