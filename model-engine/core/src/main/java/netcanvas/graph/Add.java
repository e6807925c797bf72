package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** Element-wise sum of inputs of one shape (the residual join). */
@Kind(json = "add", title = "Add", category = Category.MERGE,
        formula = "element-wise sum of equal shapes")
public record Add() implements PrimitiveSpec {
    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape first = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(first)) {
                throw new ShapeException("inputs must have equal shapes, but input 1 is " + first + " and input "
                        + (i + 1) + " is " + inputs.get(i)
                        + ": add a 1x1 projection (Conv2d) on one branch so channels and size match");
            }
        }
        return first;
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.ops(Math.multiplyExact(output.elements(), (long) inputs.size() - 1));
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        return Explain.terms().sameShape(inputs.get(0))
                .add(Figure.OTHER_OPS, Explain.outElements(output) + " x (inputs - 1)",
                        mul(Explain.elements(output), group(sub(n(inputs.size()), n(1)))))
                .done();
    }

    @Override
    public String keyParams() {
        return "";
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // n - 1 additions reading n inputs, writing one; backward nothing: every input's gradient is the output's
        return TrainingWork.passes(Math.max(1, inputs.size() - 1), inputs.size() + 1);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: the sum; backward one gradient per input.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(1, 0);
    }
}
