package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/**
 * Batch normalisation per channel (torch.nn.BatchNorm2d, or BatchNorm1d on a feature vector): a trainable scale and
 * shift per channel, plus running mean and variance as non-trainable state.
 */
@Kind(json = "batchnorm", title = "BatchNorm", category = Category.NORMALISATION,
        formula = "shape unchanged; params = 2C; running stats = 2C; 1 op per element")
public record BatchNorm(
        @Param(label = "Epsilon", defaultValue = "1e-5", min = 0, max = 1) double eps,
        @Param(label = "Momentum", defaultValue = "0.1", min = 0, max = 1,
                help = "weight of the newest batch in the running statistics") double momentum)
        implements PrimitiveSpec {

    public BatchNorm {
        ParamBounds.check(BatchNorm.class, eps, momentum);
    }

    public static BatchNorm standard() {
        return new BatchNorm(1e-5, 0.1);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape out) {
        long c = out.channels();
        return new Cost(Math.multiplyExact(2, c), Math.multiplyExact(2, c), 0, out.elements());
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape out) {
        return Explain.terms().sameShape(inputs.get(0))
                .add(Figure.PARAMS, "2 x C (scale and shift)", mul(n(2), n(out.channels())))
                .add(Figure.STATE, "2 x C (running mean and variance)", mul(n(2), n(out.channels())))
                .add(Figure.OTHER_OPS, Explain.outElements(out) + " (one per element)", Explain.elements(out))
                .done();
    }

    @Override
    public String keyParams() {
        return "";
    }

    @Override
    public InitHint initHint() {
        return InitHint.SEE_THROUGH;
    }

    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        // forward: three calls for the batch moments (read x, squared deviations written and read again: 4 passes),
        // one to normalise (read x, write y: 2); backward six calls: the gradient summed (1), times x (3), that summed
        // (1), the gradient term and the x term (2 + 2), added (3). Scale and shift are two weight arrays.
        return TrainingWork.passes(4 + 6, 6 + 12).withWeights(2);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }

    /**
     * Held for training: the output; backward the input's gradient and its sum with SameDiff's constant zero.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(1, 1);
    }
}
