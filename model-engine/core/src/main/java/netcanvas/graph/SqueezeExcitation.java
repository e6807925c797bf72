package netcanvas.graph;

/**
 * Squeeze-and-excitation (Hu et al., 2018): global average pool, a bottleneck of two fully connected layers (1x1
 * convolutions with bias, C -> C/r -> C), a sigmoid, and a per-channel rescale of the input.
 */
public record SqueezeExcitation(
        @Param(label = "Reduction", defaultValue = "16", min = 1, help = "squeeze to channels / reduction")
        int reduction) implements CompositeSpec {

    public SqueezeExcitation {
        Checks.atLeast("reduction", reduction, 1);
    }

    @Override
    public void expand(BlockBuilder b) {
        int channels = (int) Math.min(Integer.MAX_VALUE, b.inputChannels(reduction));
        int squeezed = Math.max(1, channels / reduction);
        String x = b.input(0);
        b.add("pool", new GlobalAvgPool(), x);
        b.add("fc1", Conv2d.of(squeezed, 1, 1, 0, true), b.outputId());
        b.add("relu", new ReLU(), b.outputId());
        b.add("fc2", Conv2d.of(channels, 1, 1, 0, true), b.outputId());
        String gate = b.add("sigmoid", new Sigmoid(), b.outputId());
        b.add("scale", new Scale(), x, gate);
    }

    @Override
    public String keyParams() {
        return "r=" + reduction;
    }
}
