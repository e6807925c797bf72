package netcanvas.graph;

import java.util.List;

/** Joins its inputs along the channel axis, in input order; all must share height and width. */
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
    public String keyParams() {
        return "";
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
