package netcanvas.graph;

import java.util.List;

/**
 * MobileNetV2's inverted residual (the MBConv of MnasNet and EfficientNet), as torchvision's InvertedResidual: a 1x1
 * expansion to round(in * expansion) channels with BN and the activation (left out when the expansion is 1), a
 * depthwise kxk convolution (groups = channels, padding (k-1)/2) carrying the stride, with BN and the activation, an
 * optional squeeze-and-excitation on the expanded channels, a linear 1x1 projection to out channels with BN, and an
 * identity shortcut added when the stride is 1 and the input already has out channels. No convolution has a bias.
 */
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
        @Param(label = "Activation", defaultValue = "relu6",
                help = "relu6 (MobileNetV2), silu (EfficientNet), hardswish (MobileNetV3) or relu")
        String activation) implements CompositeSpec, Strided {

    /** The activations this block accepts, by their JSON kind names. */
    public static final List<String> ACTIVATIONS = List.of("relu6", "silu", "hardswish", "relu");

    public InvertedResidual {
        Checks.atLeast("expansion", expansion, 1);
        Checks.atLeast("out channels", outChannels, 1);
        Checks.atLeast("stride", stride, 1);
        Checks.atLeast("kernel", kernel, 1);
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd (padding (k-1)/2 keeps the size), got " + kernel);
        }
        Checks.atLeast("SE reduction", seReduction, 0);
        Checks.present("activation", activation);
        if (!ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("activation must be one of " + String.join(", ", ACTIVATIONS)
                    + ", got \"" + activation + "\"");
        }
    }

    /** MobileNetV2's block: 3x3 depthwise, ReLU6, no squeeze-and-excitation. */
    public static InvertedResidual mobileNetV2(int expansion, int outChannels, int stride) {
        return new InvertedResidual(expansion, outChannels, stride, 3, 0, "relu6");
    }

    @Override
    public LayerSpec withUnitStride() {
        return new InvertedResidual(expansion, outChannels, 1, kernel, seReduction, activation);
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
        int hidden = (int) Math.min(Integer.MAX_VALUE, in * (long) expansion);
        String y = x;
        if (expansion != 1) {
            y = b.add("expand", Conv2d.of(hidden, 1, 1, 0, false), y);
            y = b.add("expand_bn", BatchNorm.standard(), y);
            y = b.add("expand_act", act(), y);
        }
        y = b.add("dw", Conv2d.of(hidden, kernel, stride, (kernel - 1) / 2, false).withGroups(hidden), y);
        y = b.add("dw_bn", BatchNorm.standard(), y);
        y = b.add("dw_act", act(), y);
        if (seReduction > 0) {
            y = b.add("se", new SqueezeExcitation(seReduction), y);
        }
        y = b.add("project", Conv2d.of(outChannels, 1, 1, 0, false), y);
        y = b.add("project_bn", BatchNorm.standard(), y);
        if (stride == 1 && in == outChannels) {
            b.add("add", new Add(), x, y);
        }
    }

    @Override
    public String keyParams() {
        StringBuilder s = new StringBuilder("x").append(expansion).append(", ").append(kernel).append("x")
                .append(kernel).append(" dw, ").append(outChannels);
        if (stride != 1) {
            s.append(", /").append(stride);
        }
        if (seReduction > 0) {
            s.append(", SE/").append(seReduction);
        }
        if (!activation.equals("relu6")) {
            s.append(", ").append(activation);
        }
        return s.toString();
    }
}
