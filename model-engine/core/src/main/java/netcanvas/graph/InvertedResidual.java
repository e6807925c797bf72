package netcanvas.graph;

import java.util.List;

/**
 * MobileNetV2's inverted residual (the MBConv of MnasNet and EfficientNet, and MobileNetV3's block), as torchvision's
 * InvertedResidual and MBConv: a 1x1 expansion to in * expansion channels, or to explicit expanded channels
 * (MobileNetV3's 80 -> 200 is no integer ratio), with BN and the activation (left out when the expanded channels
 * equal the input's), a depthwise kxk convolution (groups = channels, padding (k-1)/2) carrying the stride, with BN and
 * the activation, an optional squeeze-and-excitation on the expanded channels, a linear 1x1 projection to out channels
 * with BN, and an identity shortcut added when the stride is 1 and the input already has out channels. No
 * convolution has a bias. The SE style fixes what the three papers' squeeze-and-excitations differ in (see
 * {@link #SE_STYLES}). Not modelled: EfficientNet's stochastic depth on the residual branch (a training-time
 * regulariser with no parameters) and MobileNetV3's BN epsilon 1e-3 / momentum 0.01 (the block's BNs are PyTorch's
 * defaults).
 */
@Kind(json = "inverted_residual", title = "Inverted residual", category = Category.BLOCKS,
        formula = "1x1 expand (x t, or to E) - kxk depthwise - SE? - 1x1 linear project (+ x when stride 1,"
                + " Cin = Cout); MobileNetV2 / MBConv / MobileNetV3")
public record InvertedResidual(
        @Param(label = "Expansion", defaultValue = "6", min = 1, help = "inner channels = input channels x expansion")
        int expansion,
        @Param(label = "Out channels", defaultValue = "32", min = 1) int outChannels,
        @Param(label = "Stride", defaultValue = "1", min = 1, help = "stride of the depthwise convolution")
        int stride,
        @Param(label = "Kernel", defaultValue = "3", min = 1, help = "size of the depthwise convolution (odd)")
        int kernel,
        @Param(label = "SE reduction", defaultValue = "0", min = 0,
                help = "squeeze-and-excitation on the expanded channels (ReLU, sigmoid), expanded / r wide;"
                        + " 0 for none") int seReduction,
        @Param(label = "Activation", defaultValue = "relu6", choices = {"relu6", "silu", "hardswish", "relu"},
                help = "relu6 (MobileNetV2), silu (EfficientNet), hardswish (MobileNetV3) or relu")
        String activation,
        @Param(label = "Expanded channels", defaultValue = "0", min = 0,
                help = "inner channels when set, in place of input x expansion (MobileNetV3); 0 to use the ratio")
        int expandedChannels,
        @Param(label = "SE style", defaultValue = "se", choices = {"se", "mobilenet_v3", "efficientnet"},
                help = "se: expanded / r, ReLU, sigmoid; mobilenet_v3: make_divisible(expanded / r, 8), ReLU,"
                        + " hardsigmoid; efficientnet: max(1, input / r), SiLU, sigmoid")
        String seStyle) implements CompositeSpec, Strided {

    /** The activations this block accepts, by their JSON kind names: its activation parameter's choices. */
    public static final List<String> ACTIVATIONS = List.of(ParamBounds.declared(InvertedResidual.class).stream()
            .filter(p -> p.name().equals("activation")).findFirst().orElseThrow().meta().choices());
    /** How the squeeze-and-excitation is built: its SE style parameter's choices (see that parameter's help). */
    public static final List<String> SE_STYLES = List.of(ParamBounds.declared(InvertedResidual.class).stream()
            .filter(p -> p.name().equals("seStyle")).findFirst().orElseThrow().meta().choices());

    public InvertedResidual {
        ParamBounds.check(InvertedResidual.class, expansion, outChannels, stride, kernel, seReduction, activation,
                expandedChannels, seStyle);
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd (padding (k-1)/2 keeps the size), got " + kernel);
        }
    }

    /** The block as it was before explicit expanded channels and SE styles: a ratio, Hu et al.'s SE. */
    public InvertedResidual(int expansion, int outChannels, int stride, int kernel, int seReduction,
            String activation) {
        this(expansion, outChannels, stride, kernel, seReduction, activation, 0, "se");
    }

    /** MobileNetV2's block: 3x3 depthwise, ReLU6, no squeeze-and-excitation. */
    public static InvertedResidual mobileNetV2(int expansion, int outChannels, int stride) {
        return new InvertedResidual(expansion, outChannels, stride, 3, 0, "relu6");
    }

    /**
     * EfficientNet's MBConv (torchvision's efficientnet.py): expansion ratio, kxk depthwise, SiLU, and always a
     * squeeze-and-excitation to max(1, input / 4) with SiLU and a sigmoid.
     */
    public static InvertedResidual mbConv(int expansion, int kernel, int stride, int outChannels) {
        return new InvertedResidual(expansion, outChannels, stride, kernel, 4, "silu", 0, "efficientnet");
    }

    /**
     * MobileNetV3's block (torchvision's mobilenetv3.py): explicit expanded channels, kxk depthwise, ReLU or
     * Hardswish, and optionally a squeeze-and-excitation to make_divisible(expanded / 4, 8) with ReLU and a hard
     * sigmoid.
     */
    public static InvertedResidual mobileNetV3(int kernel, int expanded, int outChannels, boolean se,
            String activation, int stride) {
        return new InvertedResidual(1, outChannels, stride, kernel, se ? 4 : 0, activation, expanded,
                "mobilenet_v3");
    }

    @Override
    public LayerSpec withUnitStride() {
        return new InvertedResidual(expansion, outChannels, 1, kernel, seReduction, activation, expandedChannels,
                seStyle);
    }

    private LayerSpec act() {
        return switch (activation) {
            case "relu6" -> new ReLU6();
            case "silu" -> new SiLU();
            case "hardswish" -> new Hardswish();
            default -> new ReLU();
        };
    }

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        long in = b.inputChannels(outChannels);
        int hidden = expandedChannels > 0 ? expandedChannels : (int) Math.min(Integer.MAX_VALUE, in * (long) expansion);
        String y = x;
        if (hidden != in) { // torchvision's rule; with a ratio, the same as expansion != 1
            y = b.add("expand", Conv2d.of(hidden, 1, 1, 0, false), y);
            y = b.add("expand_bn", BatchNorm.standard(), y);
            y = b.add("expand_act", act(), y);
        }
        y = b.add("dw", Conv2d.of(hidden, kernel, stride, (kernel - 1) / 2, false).withGroups(hidden), y);
        y = b.add("dw_bn", BatchNorm.standard(), y);
        y = b.add("dw_act", act(), y);
        if (seReduction > 0) {
            y = b.add("se", squeezeExcitation(hidden, in), y);
        }
        y = b.add("project", Conv2d.of(outChannels, 1, 1, 0, false), y);
        y = b.add("project_bn", BatchNorm.standard(), y);
        if (stride == 1 && in == outChannels) {
            b.add("add", new Add(), x, y);
        }
    }

    private SqueezeExcitation squeezeExcitation(int hidden, long in) {
        return switch (seStyle) {
            case "mobilenet_v3" -> new SqueezeExcitation(seReduction, makeDivisible(hidden / seReduction, 8), "relu",
                    "hardsigmoid");
            case "efficientnet" -> new SqueezeExcitation(seReduction,
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, in / seReduction)), "silu", "sigmoid");
            default -> new SqueezeExcitation(seReduction);
        };
    }

    /**
     * torchvision's _make_divisible(v, divisor) for an integer v: round to the nearest multiple of the divisor (at
     * least the divisor), going up a step when rounding lost more than 10%.
     */
    static int makeDivisible(int v, int divisor) {
        long rounded = Math.max(divisor, (v + divisor / 2L) / divisor * divisor);
        if (rounded < 0.9 * v) {
            rounded += divisor;
        }
        return (int) Math.min(Integer.MAX_VALUE, rounded);
    }

    @Override
    public String keyParams() {
        StringBuilder s = new StringBuilder(expandedChannels > 0 ? "to " + expandedChannels : "x" + expansion)
                .append(", ").append(kernel).append("x")
                .append(kernel).append(" dw, ").append(outChannels);
        if (stride != 1) {
            s.append(", /").append(stride);
        }
        if (seReduction > 0) {
            s.append(", SE/").append(seReduction);
            if (!seStyle.equals("se")) {
                s.append(" ").append(seStyle);
            }
        }
        if (!activation.equals("relu6")) {
            s.append(", ").append(activation);
        }
        return s.toString();
    }
}
