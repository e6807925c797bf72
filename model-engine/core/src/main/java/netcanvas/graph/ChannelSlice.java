package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/**
 * Keeps count channels from channel start on (x[:, start:start + count]): with two slices, ShuffleNet v2's split of
 * the channels into halves (torch.chunk). It selects values and computes nothing: no parameters, no operations.
 */
@Kind(json = "channel_slice", title = "ChannelSlice", category = Category.MERGE,
        formula = "x[:, start:start+count]: C' = count; H and W unchanged; no ops")
public record ChannelSlice(
        @Param(label = "Start", defaultValue = "0", min = 0, help = "first channel kept, counting from 0") int start,
        @Param(label = "Count", defaultValue = "16", min = 1, help = "how many channels are kept") int count)
        implements PrimitiveSpec {

    public ChannelSlice {
        ParamBounds.check(ChannelSlice.class, start, count);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape in = inputs.get(0);
        if ((long) start + count > in.channels()) {
            throw new ShapeException("channels " + start + " to " + ((long) start + count - 1) + " do not exist: the"
                    + " input has " + in.channels() + " (0 to " + (in.channels() - 1) + "); lower start or count");
        }
        return new Shape(count, in.height(), in.width(), in.spatial());
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape output) {
        return Cost.FREE;
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape output) {
        Shape in = inputs.get(0);
        Explain.Terms t = Explain.terms();
        if (!in.spatial()) {
            return t.add(Figure.FEATURES, "count", n(count)).done();
        }
        return t.add(Figure.CHANNELS, "count", n(count)).add(Figure.HEIGHT, "H", n(in.height()))
                .add(Figure.WIDTH, "W", n(in.width())).done();
    }

    @Override
    public String keyParams() {
        return start + ":" + ((long) start + count);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
