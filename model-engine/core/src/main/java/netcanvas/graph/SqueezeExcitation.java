package netcanvas.graph;

import java.util.List;

/**
 * Squeeze-and-excitation (Hu et al., 2018), as torchvision's ops.SqueezeExcitation: global average pool, a bottleneck
 * of two fully connected layers (1x1 convolutions with bias, C -> squeeze -> C) with an activation between them, a
 * gate, and a per-channel rescale of the input. Hu et al.'s block squeezes to C / r with ReLU and a sigmoid gate;
 * MobileNetV3 gates with a hard sigmoid and EfficientNet squeezes with SiLU, each choosing its own squeeze width,
 * which an explicit squeeze overrides C / r for.
 */
@Kind(json = "squeeze_excitation", title = "Squeeze-excitation", category = Category.BLOCKS,
        formula = "x * gate(fc(act(fc(pool(x))))); params = 2*C*s + s + C, s = C/r or the set squeeze")
public record SqueezeExcitation(
        @Param(label = "Reduction", defaultValue = "16", min = 1, help = "squeeze to channels / reduction")
        int reduction,
        @Param(label = "Squeeze", defaultValue = "0", min = 0,
                help = "squeezed channels; 0 for max(1, channels / reduction)") int squeeze,
        @Param(label = "Activation", defaultValue = "relu", choices = {"relu", "silu"},
                help = "between the two layers: relu or silu")
        String activation,
        @Param(label = "Gate", defaultValue = "sigmoid", choices = {"sigmoid", "hardsigmoid"},
                help = "sigmoid, or hardsigmoid (MobileNetV3)")
        String gate) implements CompositeSpec {

    /** The activations between the two layers, by their JSON kind names. */
    public static final List<String> ACTIVATIONS = choices("activation");
    /** The gates, by their JSON kind names. */
    public static final List<String> GATES = choices("gate");

    private static List<String> choices(String param) {
        return List.of(ParamBounds.declared(SqueezeExcitation.class).stream().filter(p -> p.name().equals(param))
                .findFirst().orElseThrow().meta().choices());
    }

    public SqueezeExcitation {
        ParamBounds.check(SqueezeExcitation.class, reduction, squeeze, activation, gate);
    }

    /** Hu et al.'s block: squeeze to max(1, C / reduction), ReLU, sigmoid. */
    public SqueezeExcitation(int reduction) {
        this(reduction, 0, "relu", "sigmoid");
    }

    @Override
    public void expand(BlockBuilder b) {
        int channels = (int) Math.min(Integer.MAX_VALUE, b.inputChannels(reduction));
        int squeezed = squeeze > 0 ? squeeze : Math.max(1, channels / reduction);
        String x = b.input(0);
        b.add("pool", new GlobalAvgPool(), x);
        b.add("fc1", Conv2d.of(squeezed, 1, 1, 0, true), b.outputId());
        b.add(activation, activation.equals("silu") ? new SiLU() : new ReLU(), b.outputId());
        b.add("fc2", Conv2d.of(channels, 1, 1, 0, true), b.outputId());
        String g = b.add(gate, gate.equals("hardsigmoid") ? new Hardsigmoid() : new Sigmoid(), b.outputId());
        b.add("scale", new Scale(), x, g);
    }

    @Override
    public String keyParams() {
        String s = squeeze > 0 ? "squeeze " + squeeze : "r=" + reduction;
        if (!activation.equals("relu")) {
            s += ", " + activation;
        }
        if (!gate.equals("sigmoid")) {
            s += ", " + gate;
        }
        return s;
    }
}
