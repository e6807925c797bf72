package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** Local response normalisation across channels, as torch.nn.LocalResponseNorm(size, alpha, beta, k). */
@Kind(json = "lrn", title = "LocalResponseNorm", category = Category.NORMALISATION,
        formula = "shape unchanged; ops = size per element")
public record LocalResponseNorm(
        @Param(label = "Size", defaultValue = "5", min = 1, help = "neighbouring channels summed over") int size,
        @Param(label = "Alpha", defaultValue = "1e-4", min = 0, max = 1e6) double alpha,
        @Param(label = "Beta", defaultValue = "0.75", min = 0, max = 1e6) double beta,
        @Param(label = "k", defaultValue = "1", min = 0, max = 1e6) double k) implements PrimitiveSpec {

    public LocalResponseNorm {
        ParamBounds.check(LocalResponseNorm.class, size, alpha, beta, k);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        ShapeRules.requireSpatial("LocalResponseNorm", inputs.get(0));
        return inputs.get(0);
    }

    /** Each output sums the squares of `size` neighbouring channels. */
    @Override
    public Cost cost(List<Shape> inputs, Shape out) {
        return Cost.ops(Math.multiplyExact(out.elements(), (long) size));
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape out) {
        return Explain.terms().sameShape(inputs.get(0))
                .add(Figure.OTHER_OPS, Explain.outElements(out) + " x size", mul(Explain.elements(out), n(size)))
                .done();
    }

    @Override
    public String keyParams() {
        return "size " + size;
    }

    /**
     * The lowering's calls ({@code SameDiffCompiler}): forward the square, the shapes of two reshapes (kept for the
     * backward pass), the window average, scale, shift, power, the power's derivative and the quotient (9); backward
     * the quotient's gradient, the product with the derivative, its scaling, the average's gradient, the square's
     * gradient and the two sums of the gradients of values read twice (7). A window of more than one channel pads the
     * channel axis ({@link TrainingWork#PAD_CALLS}). Beyond the standard traffic each further call reads and writes
     * a map of the output's size.
     */
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        int calls = 16 + (size > 1 ? TrainingWork.PAD_CALLS : 0);
        return new TrainingWork(calls, 2 * (calls - 2), false, 0, 0, 0, 0);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training (measured by value in the planning pass): forward the square, its reshape, the window average
     * and its reshape, scale, shift, power, the power's derivative and the quotient; backward 10 arrays of the
     * output's size besides the input's gradient (the quotient's two gradients, the products with the derivative, the
     * square's two, the reshapes', the sums); across more than one channel the padded channel axis, forward and its
     * gradient.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.isEmpty() ? null : inputs.get(0);
        if (size == 1 || in == null) {
            return TrainingMemory.values(9, 9);
        }
        long padded = Math.multiplyExact(Math.multiplyExact(in.height(), in.width()), (in.channels() + size - 1) * 4);
        return TrainingMemory.values(9, 10).plusValueBytes(padded);
    }
}
