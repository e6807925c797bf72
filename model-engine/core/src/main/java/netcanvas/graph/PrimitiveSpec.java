package netcanvas.graph;

import java.util.List;

/**
 * A layer the analysis, the trainer and the exporter understand directly. Each kind states its arity, its shape rule,
 * its cost rule and its sliding window (for the receptive field) right here.
 */
public sealed interface PrimitiveSpec extends LayerSpec permits Input, Conv2d, Pooling, GlobalAvgPool,
        AdaptiveAvgPool, Flatten, Dense, Elementwise, BatchNorm, LocalResponseNorm, Concat, Add,
        Scale, ChannelShuffle, ChannelSlice, Output {

    /**
     * The output shape for these input shapes (already checked against the arity).
     *
     * @throws ShapeException with a message that says what is wrong and how to fix it
     */
    Shape outputShape(List<Shape> inputs) throws ShapeException;

    /**
     * Parameters, state and operation counts. Implementations use exact arithmetic, so absurd sizes throw
     * ArithmeticException, which the analysis turns into a diagnostic.
     */
    Cost cost(List<Shape> inputs, Shape output);

    /**
     * How this kind computes each figure of {@link #outputShape} and {@link #cost} for these shapes: the output
     * dimensions, parameters, state, MACs and other operations, each as a formula with the values substituted.
     * It sits beside the shape and cost rules so the two say the same thing; a test evaluates every kind's terms
     * against the figures.
     */
    List<Explained> explain(List<Shape> inputs, Shape output);

    /** The window this layer slides over the height axis, for receptive-field bookkeeping. */
    default Window window(List<Shape> inputs) {
        return Window.POINTWISE;
    }

    /** How the weight layer feeding this one should be initialised (see {@link InitHint}). */
    default InitHint initHint() {
        return InitHint.NONE;
    }

    /**
     * Whether this layer flattens an input of this shape first (a dense layer fed C x H x W, in PyTorch's order:
     * channels first). Every lowering (training, PyTorch, ONNX) asks here, so they flatten alike.
     */
    default boolean flattensInput(Shape input) {
        return false;
    }

    /**
     * What NetCanvas's training step does for a layer of this kind with these input shapes and output (see
     * {@link TrainingWork}): by default one native call forward, one backward, the standard traffic and no weights.
     *
     * @param readsData the layer's input is the network's input (the data), whose gradient nobody reads
     */
    default TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingWork.standard(2);
    }

    /**
     * What NetCanvas's training step holds for a layer of this kind with these input shapes and output at its peak
     * (see {@link TrainingMemory}): by default the output and the gradient of each input.
     *
     * @param readsData the layer's input is the network's input (the data), whose gradient nobody reads
     */
    default TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(1, 0);
    }

    <R> R accept(PrimitiveVisitor<R> visitor);
}
