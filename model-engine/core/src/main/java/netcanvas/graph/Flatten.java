package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** C x H x W to a vector of C*H*W features (torch.flatten(x, 1)). */
@Kind(json = "flatten", title = "Flatten", category = Category.DENSE,
        formula = "C x H x W -> C*H*W features")
public record Flatten() implements PrimitiveSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        try {
            return Shape.features(inputs.get(0).elements());
        } catch (ArithmeticException e) {
            throw new ShapeException("the input " + inputs.get(0) + " has more elements than can be counted");
        }
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.FREE;
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        Shape in = inputs.get(0);
        return Explain.terms().add(Figure.FEATURES, Explain.inElements(in), Explain.elements(in)).done();
    }

    @Override
    public String keyParams() {
        return "";
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        if (in != null && !in.spatial()) {
            return TrainingWork.standard(2); // a vector already: an identity forward and backward
        }
        int copies = copiesToChannelsFirst(in);
        if (readsData) {
            // the data's gradient is not computed: only the forward copy, no shape kept for a backward reshape
            return TrainingWork.passes(copies / 2, copies);
        }
        return TrainingWork.passes(1 + copies, 2 * copies); // a reshape, and the copies read and written
    }

    /**
     * Copies the training lowering makes to flatten in PyTorch's order: the channels-last map to channels-first and
     * its gradient back; none when the input has one position.
     */
    public static int copiesToChannelsFirst(Shape input) {
        return input != null && input.spatial() && input.height() * input.width() > 1 ? 2 : 0;
    }

    /**
     * Held for training: of a map, the copy to channels-first and its reshape, and backward the reshape of the
     * gradient and its copy back (no copies for a map of one position); of a vector nothing (an identity).
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        if (in != null && !in.spatial()) {
            return TrainingMemory.values(0, 0).withInputSized(0); // an identity: the same arrays
        }
        int copies = copiesToChannelsFirst(in) / 2;
        if (readsData) {
            return TrainingMemory.values(1 + copies, 0).withInputSized(0); // no backward pass for the data
        }
        return TrainingMemory.values(1 + copies, copies);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
