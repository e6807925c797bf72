package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** The shape, cost and window rules max and average pooling share. */
public sealed interface Pooling extends PrimitiveSpec permits MaxPool2d, AvgPool2d {
    Hw kernel();

    Hw stride();

    Hw padding();

    boolean ceilMode();

    default String title() {
        return getClass().getSimpleName();
    }

    @Override
    default Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape in = inputs.get(0);
        ShapeRules.requireSpatial(title(), in);
        if (padding().h() * 2L > kernel().h() || padding().w() * 2L > kernel().w()) {
            throw new ShapeException("padding " + padding() + " is more than half the " + kernel()
                    + " window (PyTorch refuses it): use padding of at most kernel/2");
        }
        long h = ShapeRules.slidingOutput(in.height(), kernel().h(), stride().h(), padding().h(), 1, ceilMode());
        long w = ShapeRules.slidingOutput(in.width(), kernel().w(), stride().w(), padding().w(), 1, ceilMode());
        if (h <= 0 || w <= 0) {
            throw new ShapeException("output would be " + h + "x" + w + ": the " + kernel()
                    + " window does not fit the " + in.height() + "x" + in.width()
                    + " input; use a smaller window or a larger input");
        }
        return Shape.chw(in.channels(), h, w);
    }

    @Override
    default Cost cost(List<Shape> inputs, Shape out) {
        return Cost.ops(Math.multiplyExact(out.elements(), (long) kernel().h() * kernel().w()));
    }

    @Override
    default Window window(List<Shape> inputs) {
        return new Window(kernel().h(), stride().h());
    }

    @Override
    default List<Explained> explain(List<Shape> inputs, Shape out) {
        Shape in = inputs.get(0);
        return Explain.terms().add(Figure.CHANNELS, "C", n(in.channels()))
                .add(Explain.sliding(Figure.HEIGHT, "H", in.height(), kernel().h(), stride().h(), padding().h(), 1,
                        ceilMode()))
                .add(Explain.sliding(Figure.WIDTH, "W", in.width(), kernel().w(), stride().w(), padding().w(), 1,
                        ceilMode()))
                .add(Figure.OTHER_OPS, "C' x H' x W' x kh x kw", mul(n(out.channels()), n(out.height()),
                        n(out.width()), n(kernel().h()), n(kernel().w())))
                .done();
    }

    @Override
    default String keyParams() {
        String s = kernel() + ", /" + (stride().square() ? Integer.toString(stride().h()) : stride().toString());
        if (padding().h() != 0 || padding().w() != 0) {
            s += ", pad " + (padding().square() ? Integer.toString(padding().h()) : padding().toString());
        }
        return ceilMode() ? s + ", ceil" : s;
    }

    /**
     * Whether the training lowering pads the input explicitly (ND4J's pooling is run without padding): for the
     * padding, and for a ceil-mode window that reaches past the input's end.
     */
    default boolean padsInput(Shape in, Shape out) {
        return padding().h() > 0 || padding().w() > 0
                || (out.height() - 1) * stride().h() + kernel().h() > in.height() + 2L * padding().h()
                || (out.width() - 1) * stride().w() + kernel().w() > in.width() + 2L * padding().w();
    }

    /** One call forward, one backward, and an explicit padding's calls ({@link TrainingWork#PAD_CALLS}). */
    @Override
    default TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        return TrainingWork.standard(2 + (in != null && padsInput(in, output) ? TrainingWork.PAD_CALLS : 0));
    }

    @Override
    default InitHint initHint() {
        return InitHint.SEE_THROUGH;
    }
}
