package netcanvas.graph;

/**
 * ResNet's basic block: two 3x3 convolutions with batch norm, and a shortcut (He et al., 2015; torchvision's
 * BasicBlock). A 1x1 projection shortcut is added automatically when the stride or channel count changes.
 */
@Kind(json = "residual_basic", title = "Residual basic", category = Category.BLOCKS,
        formula = "3x3-3x3 + shortcut; params ~ 9*C*(Cin + C)")
public record BasicBlock(
        @Param(label = "Out channels", defaultValue = "64", min = 1) int outChannels,
        @Param(label = "Stride", defaultValue = "1", min = 1, help = "stride of the first 3x3 convolution") int stride,
        @Param(label = "Pre-activation", defaultValue = "false",
                help = "BN-ReLU before each convolution (ResNet v2)") boolean preActivation,
        @Param(label = "SE reduction", defaultValue = "0", min = 0,
                help = "squeeze-and-excitation reduction ratio; 0 for none") int seReduction)
        implements CompositeSpec, Strided {

    public BasicBlock {
        ParamBounds.check(BasicBlock.class, outChannels, stride, preActivation, seReduction);
    }

    @Override
    public LayerSpec withUnitStride() {
        return new BasicBlock(outChannels, 1, preActivation, seReduction);
    }

    @Override
    public void expand(BlockBuilder b) {
        ResidualWiring.wire(b, outChannels, stride, preActivation, seReduction, in -> {
            if (preActivation) {
                String c1 = b.add("conv1", Conv2d.of(outChannels, 3, stride, 1, false), in);
                b.add("bn2", BatchNorm.standard(), c1);
                b.add("relu2", new ReLU(), b.outputId());
                return b.add("conv2", Conv2d.of(outChannels, 3, 1, 1, false), b.outputId());
            }
            String a = ResidualWiring.convBn(b, "1", Conv2d.of(outChannels, 3, stride, 1, false), in, true);
            return ResidualWiring.convBn(b, "2", Conv2d.of(outChannels, 3, 1, 1, false), a, false);
        });
    }

    @Override
    public String keyParams() {
        return ResidualWiring.blockParams("3x3, " + outChannels, stride, preActivation, seReduction);
    }
}
