package netcanvas.graph;

/**
 * ResNet's bottleneck block: 1x1 reduce to `width`, 3x3 (grouped for ResNeXt, carrying the stride as torchvision's
 * v1.5 does), 1x1 expand to `outChannels`, with batch norm and a shortcut that becomes a 1x1 projection when the
 * stride or channel count changes.
 */
@Kind(json = "residual_bottleneck", title = "Residual bottleneck", category = Category.BLOCKS,
        formula = "1x1-3x3(groups)-1x1 + shortcut; the 1x1s cut the 3x3's MACs",
        variants = @Kind.Variant(name = "resnext", title = "ResNeXt block", values = {"width=128", "groups=32"},
                note = "a bottleneck whose 3x3 convolution is split into 32 groups (cardinality)"))
public record BottleneckBlock(
        @Param(label = "Width", defaultValue = "64", min = 1, help = "channels of the inner 3x3 convolution")
        int width,
        @Param(label = "Out channels", defaultValue = "256", min = 1) int outChannels,
        @Param(label = "Stride", defaultValue = "1", min = 1, help = "stride of the 3x3 convolution") int stride,
        @Param(label = "Groups", defaultValue = "1", min = 1,
                help = "groups of the 3x3 convolution (ResNeXt cardinality); must divide width") int groups,
        @Param(label = "Pre-activation", defaultValue = "false",
                help = "BN-ReLU before each convolution (ResNet v2)") boolean preActivation,
        @Param(label = "SE reduction", defaultValue = "0", min = 0,
                help = "squeeze-and-excitation reduction ratio; 0 for none") int seReduction)
        implements CompositeSpec, Strided {

    public BottleneckBlock {
        ParamBounds.check(BottleneckBlock.class, width, outChannels, stride, groups, preActivation, seReduction);
    }

    @Override
    public LayerSpec withUnitStride() {
        return new BottleneckBlock(width, outChannels, 1, groups, preActivation, seReduction);
    }

    @Override
    public void expand(BlockBuilder b) {
        Conv2d reduce = Conv2d.of(width, 1, 1, 0, false);
        Conv2d spatial = Conv2d.of(width, 3, stride, 1, false).withGroups(groups);
        Conv2d expand = Conv2d.of(outChannels, 1, 1, 0, false);
        ResidualWiring.wire(b, outChannels, stride, preActivation, seReduction, in -> {
            if (preActivation) {
                String c1 = b.add("conv1", reduce, in);
                b.add("bn2", BatchNorm.standard(), c1);
                String c2 = b.add("conv2", spatial, b.add("relu2", new ReLU(), b.outputId()));
                b.add("bn3", BatchNorm.standard(), c2);
                return b.add("conv3", expand, b.add("relu3", new ReLU(), b.outputId()));
            }
            String a = ResidualWiring.convBn(b, "1", reduce, in, true);
            String c = ResidualWiring.convBn(b, "2", spatial, a, true);
            return ResidualWiring.convBn(b, "3", expand, c, false);
        });
    }

    @Override
    public String keyParams() {
        String core = "1x1-3x3-1x1, " + width + "->" + outChannels + (groups > 1 ? ", g" + groups : "");
        return ResidualWiring.blockParams(core, stride, preActivation, seReduction);
    }
}
