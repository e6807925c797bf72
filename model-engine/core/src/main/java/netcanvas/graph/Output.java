package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/**
 * The network's class scores, trained with softmax cross-entropy. It takes a feature vector with one score per
 * class and passes it through.
 */
@Kind(json = "output", title = "Output", category = Category.OUTPUT,
        formula = "class scores, trained with softmax cross-entropy")
public record Output() implements PrimitiveSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape in = inputs.get(0);
        if (in.spatial() && (in.height() != 1 || in.width() != 1)) {
            throw new ShapeException("expects one score per class but gets " + in
                    + ": add a Flatten and a Dense layer with one unit per class before it");
        }
        return Shape.features(in.channels());
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.ops(output.elements());
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        return Explain.terms().add(Figure.FEATURES, "C (one score per class)", n(inputs.get(0).channels()))
                .add(Figure.OTHER_OPS, "N' (softmax, one per score)", n(output.channels())).done();
    }

    @Override
    public String keyParams() {
        return "softmax CE";
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingWork.standard(2); // the batch size, and the loss's gradient (softmax minus labels) in one call
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: the loss's softmax; backward the loss's gradients to the labels and to the logits (the
     * input's).
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(1, 1);
    }
}
