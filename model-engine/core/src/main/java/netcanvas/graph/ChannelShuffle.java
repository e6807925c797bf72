package netcanvas.graph;

import java.util.List;

/**
 * Interleaves the channels of its groups (ShuffleNet; torch.nn.ChannelShuffle): the C channels, seen as a groups x
 * C/groups matrix, are transposed, so output channel j * groups + i is input channel i * C/groups + j. It moves
 * values and computes nothing: no parameters, no operations.
 */
@Kind(json = "channel_shuffle", title = "ChannelShuffle", category = Category.MERGE,
        formula = "C = g x C/g channels transposed: out[j*g + i] = in[i*C/g + j]; shape unchanged; no ops")
public record ChannelShuffle(
        @Param(label = "Groups", defaultValue = "2", min = 1, help = "channels must be divisible by groups")
        int groups) implements PrimitiveSpec {

    public ChannelShuffle {
        ParamBounds.check(ChannelShuffle.class, groups);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape in = inputs.get(0);
        if (in.channels() % groups != 0) {
            throw new ShapeException(in.channels() + " channels are not divisible by groups " + groups
                    + ": choose groups that divide " + in.channels());
        }
        return in;
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.FREE;
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        return Explain.terms().sameShape(inputs.get(0)).done();
    }

    @Override
    public String keyParams() {
        return "g" + groups;
    }

    /**
     * Four calls: the shapes of the two reshapes (taken for the backward pass), the transposed copy forward and the
     * transposed copy of the gradient backward; its traffic is the two copies, each reading and writing the map.
     */
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingWork.passes(4, 4);
    }

    /**
     * Held for training: the split reshape, its transposed copy and the joined reshape; backward the same three in
     * reverse, the last the input's gradient.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        return TrainingMemory.values(3, 2);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
