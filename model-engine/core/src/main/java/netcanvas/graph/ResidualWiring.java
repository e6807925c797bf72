package netcanvas.graph;

import java.util.function.Function;

/**
 * The wiring basic and bottleneck blocks share: the optional pre-activation, the shortcut (identity, or a 1x1
 * projection when channels or size change, as torchvision's downsample), the optional squeeze-and-excitation on the
 * residual branch, the add, and the closing ReLU of the original (post-activation) form.
 */
final class ResidualWiring {
    private ResidualWiring() {
    }

    /**
     * @param branch adds the residual branch's layers, fed by the given id, and returns its last id
     */
    static void wire(BlockBuilder b, int outChannels, int stride, boolean preActivation, int seReduction,
            Function<String, String> branch) {
        String x = b.input(0);
        long inChannels = b.inputChannels(outChannels);
        boolean project = stride != 1 || inChannels != outChannels;
        String branchIn = x;
        if (preActivation) {
            b.add("preact_bn", BatchNorm.standard(), x);
            branchIn = b.add("preact_relu", new ReLU(), b.outputId());
        }
        String y = branch.apply(branchIn);
        if (seReduction > 0) {
            y = b.add("se", new SqueezeExcitation(seReduction), y);
        }
        String shortcut = x;
        if (project) {
            // Pre-activation blocks project the activated input and need no BN after it (He et al., 2016).
            String from = preActivation ? branchIn : x;
            shortcut = b.add("downsample", Conv2d.of(outChannels, 1, stride, 0, false), from);
            if (!preActivation) {
                shortcut = b.add("downsample_bn", BatchNorm.standard(), shortcut);
            }
        }
        String sum = b.add("add", new Add(), y, shortcut);
        if (!preActivation) {
            b.add("relu", new ReLU(), sum);
        }
    }

    /** conv, then (post-activation) BN and optionally ReLU, or (pre-activation) BN-ReLU before the next conv. */
    static String convBn(BlockBuilder b, String name, Conv2d conv, String from, boolean relu) {
        String c = b.add("conv" + name, conv, from);
        String n = b.add("bn" + name, BatchNorm.standard(), c);
        return relu ? b.add("relu" + name, new ReLU(), n) : n;
    }

    static String blockParams(String core, int stride, boolean preActivation, int seReduction) {
        StringBuilder s = new StringBuilder(core);
        if (stride != 1) {
            s.append(", /").append(stride);
        }
        if (preActivation) {
            s.append(", pre-act");
        }
        if (seReduction > 0) {
            s.append(", SE/").append(seReduction);
        }
        return s.toString();
    }
}
