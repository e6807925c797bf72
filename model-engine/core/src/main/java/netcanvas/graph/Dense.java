package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/**
 * Fully connected layer, as torch.nn.Linear. A C x H x W input is flattened first (the exporter and trainer insert
 * the flatten), so a Dense can follow a pooling layer directly.
 */
@Kind(json = "dense", title = "Dense", category = Category.DENSE,
        formula = "N -> units; params = N*units (+units bias); MACs = N*units")
public record Dense(
        @Param(label = "Units", defaultValue = "10", min = 1) int units,
        @Param(label = "Bias", defaultValue = "true") boolean bias) implements PrimitiveSpec {

    public Dense {
        ParamBounds.check(Dense.class, units, bias);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        try {
            inputs.get(0).elements();
        } catch (ArithmeticException e) {
            throw new ShapeException("the input " + inputs.get(0) + " has more elements than can be counted");
        }
        return Shape.features(units);
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        long in = inputs.get(0).elements();
        long macs = Math.multiplyExact(in, (long) units);
        return new Cost(Math.addExact(macs, bias ? units : 0), 0, macs, 0);
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        Shape in = inputs.get(0);
        Expr features = in.spatial() ? group(Explain.elements(in)) : n(in.channels());
        String f = in.spatial() ? "(C x H x W)" : "N";
        Expr macs = mul(features, n(units));
        return Explain.terms().add(Figure.FEATURES, "units", n(units))
                .add(Figure.PARAMS, f + " x units" + (bias ? " + units" : ""), bias ? add(macs, n(units)) : macs)
                .add(Figure.MACS, f + " x units", macs).done();
    }

    @Override
    public String keyParams() {
        return Integer.toString(units);
    }

    /** A C x H x W input is flattened first, as the analysis counts it: features = C*H*W. */
    @Override
    public boolean flattensInput(Shape input) {
        return input.spatial();
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        // a map input is reshaped (and copied to channels-first and its gradient back) as Flatten does
        int flatten = in != null && flattensInput(in) ? 1 + Flatten.copiesToChannelsFirst(in) : 0;
        // the product and the bias, forward and backward
        return TrainingWork.standard(flatten + (bias ? 4 : 2)).withWeights(bias ? 2 : 1);
    }

    /**
     * Held for training: the product and, with a bias, the sum and its gradient; backward the input's gradient. A map
     * input is flattened first as {@link Flatten} does: its copy to channels-first (none for one position), the
     * reshape, and backward the reshape and the copy back, all of the input's size.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        TrainingMemory m = bias ? TrainingMemory.values(2, 1) : TrainingMemory.values(1, 0);
        if (in != null && flattensInput(in)) {
            return m.withInputSized(Flatten.copiesToChannelsFirst(in) > 0 ? 5 : 3);
        }
        return m;
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
