package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** Average pooling to a fixed output size, as torch.nn.AdaptiveAvgPool2d((h, w)). */
@Kind(json = "adaptive_avgpool", title = "AdaptiveAvgPool", category = Category.POOLING,
        formula = "C x H x W -> C x h x w; ops = window per output")
public record AdaptiveAvgPool(@Param(label = "Output size", defaultValue = "6x6", min = 1) Hw outputSize)
        implements PrimitiveSpec {

    public AdaptiveAvgPool {
        ParamBounds.check(AdaptiveAvgPool.class, outputSize);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape in = inputs.get(0);
        ShapeRules.requireSpatial("AdaptiveAvgPool", in);
        return Shape.chw(in.channels(), outputSize.h(), outputSize.w());
    }

    /** Each output averages a window of about ceil(in/out) per axis. */
    @Override
    public Cost cost(List<Shape> inputs, Shape out) {
        Shape in = inputs.get(0);
        long kh = ceilDiv(in.height(), outputSize.h());
        long kw = ceilDiv(in.width(), outputSize.w());
        return Cost.ops(Math.multiplyExact(out.elements(), Math.multiplyExact(kh, kw)));
    }

    @Override
    public Window window(List<Shape> inputs) {
        long in = inputs.get(0).height();
        return new Window(ceilDiv(in, outputSize.h()), Math.max(1, in / outputSize.h()));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape out) {
        Shape in = inputs.get(0);
        return Explain.terms().add(Figure.CHANNELS, "C", n(in.channels()))
                .add(Figure.HEIGHT, "output h", n(outputSize.h())).add(Figure.WIDTH, "output w", n(outputSize.w()))
                .add(Figure.OTHER_OPS, "C' x H' x W' x ceil(H / H') x ceil(W / W')", mul(n(out.channels()),
                        n(out.height()), n(out.width()), Expr.ceilDiv(n(in.height()), n(outputSize.h())),
                        Expr.ceilDiv(n(in.width()), n(outputSize.w()))))
                .done();
    }

    @Override
    public String keyParams() {
        return "to " + outputSize;
    }

    /**
     * To the input's own size an identity; otherwise the separable lowering ({@code SameDiffCompiler}): forward the
     * copy to channels-first, the product with the columns' averaging matrix, a transposed copy, the product with the
     * rows' one, the copy back to channels-last and the shapes of the four reshapes (taken for the backward pass), 9
     * calls; backward the three copies and the two products' gradients, 5.
     */
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        boolean identity = in != null && in.height() == outputSize.h() && in.width() == outputSize.w();
        return TrainingWork.standard(identity ? 2 : 9 + 5);
    }

    /**
     * Held for training (measured by value in the planning pass), for input I, output O and the map averaged along
     * its width only, M (C x H x w): forward the copy to channels-first and its reshape (2 I), the first product,
     * its reshape, transposed copy and reshape (4 M), the second product, its reshape and the copy back (3 O);
     * backward the same sizes in reverse (2 O, 4 M, 3 I, the last the input's gradient). To its own size an identity.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        if (in == null || (in.height() == outputSize.h() && in.width() == outputSize.w())) {
            return TrainingMemory.values(0, 0).withInputSized(0);
        }
        long halfway = Math.multiplyExact(Math.multiplyExact(in.channels(), in.height()), (long) outputSize.w() * 4);
        return TrainingMemory.values(3, 2).withInputSized(5).plusValueBytes(Math.multiplyExact(halfway, 4));
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
