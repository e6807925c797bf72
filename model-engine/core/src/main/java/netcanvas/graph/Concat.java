package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** Joins its inputs along the channel axis, in input order; all must share height and width. */
@Kind(json = "concat", title = "Concat", category = Category.MERGE,
        formula = "joins channels: C = C1 + C2 + ...; H and W must match")
public record Concat() implements PrimitiveSpec {
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
        long channels = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Shape s = inputs.get(i);
            if (s.spatial() != first.spatial() || s.height() != first.height() || s.width() != first.width()) {
                throw new ShapeException("inputs must share height and width, but input 1 is " + first + " and input "
                        + (i + 1) + " is " + s + ": resize one branch (stride, padding or pooling) to match");
            }
            channels = Math.addExact(channels, s.channels());
        }
        return new Shape(channels, first.height(), first.width(), first.spatial());
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.FREE;
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        java.util.List<Expr> channels = new java.util.ArrayList<>();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            channels.add(n(inputs.get(i).channels()));
            names.add("C" + (i + 1));
        }
        Shape first = inputs.get(0);
        Explain.Terms t = Explain.terms();
        if (!first.spatial()) {
            return t.add(Figure.FEATURES, String.join(" + ", names).replace('C', 'N'), sum(channels)).done();
        }
        return t.add(Figure.CHANNELS, String.join(" + ", names), sum(channels))
                .add(Figure.HEIGHT, "H", n(first.height())).add(Figure.WIDTH, "W", n(first.width())).done();
    }

    @Override
    public String keyParams() {
        return "";
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: the joined output; backward its split, one gradient per input, each that input's size.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(1, 0);
    }
}
