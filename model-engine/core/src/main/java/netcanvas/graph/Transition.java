package netcanvas.graph;

/**
 * DenseNet's transition layer: BN-ReLU, a 1x1 convolution to floor(compression * in) channels, and 2x2 average
 * pooling with stride 2.
 */
@Kind(json = "transition", title = "Transition", category = Category.BLOCKS,
        formula = "BN-ReLU-1x1 conv to compression*C, 2x2 avg pool: H/2")
public record Transition(
        @Param(label = "Compression", defaultValue = "0.5", min = 0.01, max = 1,
                help = "out channels = floor(compression x in channels)") double compression)
        implements CompositeSpec {

    public Transition {
        ParamBounds.check(Transition.class, compression);
    }

    @Override
    public void expand(BlockBuilder b) {
        long in = b.inputChannels(2);
        int out = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) Math.floor(in * compression)));
        b.add("norm", BatchNorm.standard(), b.input(0));
        b.add("relu", new ReLU(), b.outputId());
        b.add("conv", Conv2d.of(out, 1, 1, 0, false), b.outputId());
        b.add("pool", AvgPool2d.of(2, 2, 0), b.outputId());
    }

    @Override
    public String keyParams() {
        return "x" + compression + ", /2";
    }
}
