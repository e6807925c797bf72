package netcanvas.graph;

import java.util.List;

/**
 * Fully connected layer, as torch.nn.Linear. A C x H x W input is flattened first (the exporter and trainer insert
 * the flatten), so a Dense can follow a pooling layer directly.
 */
public record Dense(
        @Param(label = "Units", defaultValue = "10", min = 1) int units,
        @Param(label = "Bias", defaultValue = "true") boolean bias) implements PrimitiveSpec {

    public Dense {
        Checks.atLeast("units", units, 1);
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
    public String keyParams() {
        return Integer.toString(units);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
