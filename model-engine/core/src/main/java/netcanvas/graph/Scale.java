package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/**
 * Multiplies each channel of input 1 (C x H x W) by the matching value of input 2 (C x 1 x 1 or C features): the
 * excitation step of squeeze-and-excitation.
 */
@Kind(json = "scale", title = "Scale", category = Category.MERGE,
        formula = "x (C x H x W) times s (C x 1 x 1), per channel")
public record Scale() implements PrimitiveSpec {
    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public int maxInputs() {
        return 2;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape x = inputs.get(0);
        Shape s = inputs.get(1);
        if (s.height() != 1 || s.width() != 1 || s.channels() != x.channels()) {
            throw new ShapeException("input 2 must hold one factor per channel (" + x.channels() + "x1x1) but is " + s
                    + ": feed it from a GlobalAvgPool branch that ends with " + x.channels() + " channels");
        }
        return x;
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.ops(output.elements());
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        return Explain.terms().sameShape(inputs.get(0))
                .add(Figure.OTHER_OPS, Explain.outElements(output) + " (one per element)", Explain.elements(output))
                .done();
    }

    @Override
    public String keyParams() {
        return "";
    }

    /**
     * Three calls: the scale vector reshaped to broadcast over the map (its shape taken for the backward pass), the
     * product forward and its gradient, to both inputs, backward.
     */
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingWork.standard(3);
    }

    /**
     * Held for training: the product and the factors reshaped to broadcast (of input 2's size); backward the
     * gradients of both inputs and the reshape of the factors' one.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        Shape factors = inputs.size() > 1 ? inputs.get(1) : null;
        TrainingMemory m = TrainingMemory.values(1, 0);
        return factors == null ? m : m.plusValueBytes(Math.multiplyExact(factors.elements(), 4));
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
