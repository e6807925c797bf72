package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** The network's image input, one sample: channels x height x width. */
@Kind(json = "input", title = "Input", category = Category.INPUT,
        formula = "C x H x W image; no parameters")
public record Input(
        @Param(label = "Channels", defaultValue = "3", min = 1) int channels,
        @Param(label = "Height", defaultValue = "224", min = 1) int height,
        @Param(label = "Width", defaultValue = "224", min = 1) int width) implements PrimitiveSpec {

    public Input {
        ParamBounds.check(Input.class, channels, height, width);
    }

    public Shape shape() {
        return Shape.chw(channels, height, width);
    }

    @Override
    public int minInputs() {
        return 0;
    }

    @Override
    public int maxInputs() {
        return 0;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return shape();
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.FREE;
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        return Explain.terms().add(Figure.CHANNELS, "channels", n(channels)).add(Figure.HEIGHT, "height", n(height))
                .add(Figure.WIDTH, "width", n(width)).done();
    }

    @Override
    public String keyParams() {
        return channels + "x" + height + "x" + width;
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // the step's copies of the batch and of its labels, then the batch to channels-last: read and write each
        return TrainingWork.passes(3, 4);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: the batch and its channels-last copy; no gradient (the data's is not computed).
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(2, 0).withInputSized(0);
    }
}
