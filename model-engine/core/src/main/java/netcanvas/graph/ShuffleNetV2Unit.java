package netcanvas.graph;

/**
 * ShuffleNet v2's unit (Ma et al., 2018), as torchvision's shufflenetv2.InvertedResidual. With stride 1 (basic unit)
 * the channels are split into halves: the first passes through, the second goes through a 1x1 convolution with BN
 * and ReLU, a 3x3 depthwise convolution with BN and a 1x1 convolution with BN and ReLU; with stride 2 (down-sampling
 * unit) the whole input feeds that branch (its depthwise convolution carrying the stride) and a second one, a 3x3
 * depthwise convolution with the stride and BN then a 1x1 convolution with BN and ReLU. The two halves are joined
 * (the passing or down-sampled half first) and shuffled in 2 groups. Each branch is out / 2 wide; no convolution has
 * a bias.
 */
@Kind(json = "shufflenet_v2_unit", title = "ShuffleNet v2 unit", category = Category.BLOCKS,
        formula = "stride 1: split halves, 1x1-3x3 dw-1x1 on one; stride 2: dw-1x1 | 1x1-dw-1x1 on all;"
                + " concat, shuffle (2 groups): C = out")
public record ShuffleNetV2Unit(
        @Param(label = "Out channels", defaultValue = "116", min = 2,
                help = "even; with stride 1 it must equal the input's channels") int outChannels,
        @Param(label = "Stride", defaultValue = "1", min = 1,
                help = "1: basic unit (split in halves); 2 or more: down-sampling unit") int stride)
        implements CompositeSpec, Strided {

    public ShuffleNetV2Unit {
        ParamBounds.check(ShuffleNetV2Unit.class, outChannels, stride);
        if (outChannels % 2 != 0) {
            throw new IllegalArgumentException("out channels must be even (two branches of out / 2), got "
                    + outChannels);
        }
    }

    @Override
    public LayerSpec withUnitStride() {
        return new ShuffleNetV2Unit(outChannels, 1);
    }

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        int half = outChannels / 2;
        String passed;
        String branchInput;
        if (stride == 1) {
            long in = b.inputChannels(outChannels);
            if (in != outChannels) {
                throw new IllegalArgumentException("a basic unit (stride 1) splits its input into two halves of out"
                        + " / 2 channels, so its input must have " + outChannels + " channels, not " + in
                        + ": set out channels to " + in + " or use stride 2");
            }
            passed = b.add("split_pass", new ChannelSlice(0, half), x);
            branchInput = b.add("split_branch", new ChannelSlice(half, half), x);
        } else {
            long in = b.inputChannels(outChannels);
            int channels = (int) Math.min(Integer.MAX_VALUE, in);
            String y = b.add("branch1_dw", Conv2d.of(channels, 3, stride, 1, false).withGroups(channels), x);
            y = b.add("branch1_dw_bn", BatchNorm.standard(), y);
            y = b.add("branch1_conv", Conv2d.of(half, 1, 1, 0, false), y);
            y = b.add("branch1_bn", BatchNorm.standard(), y);
            passed = b.add("branch1_relu", new ReLU(), y);
            branchInput = x;
        }
        String y = b.add("branch2_conv1", Conv2d.of(half, 1, 1, 0, false), branchInput);
        y = b.add("branch2_bn1", BatchNorm.standard(), y);
        y = b.add("branch2_relu1", new ReLU(), y);
        y = b.add("branch2_dw", Conv2d.of(half, 3, stride, 1, false).withGroups(half), y);
        y = b.add("branch2_dw_bn", BatchNorm.standard(), y);
        y = b.add("branch2_conv2", Conv2d.of(half, 1, 1, 0, false), y);
        y = b.add("branch2_bn2", BatchNorm.standard(), y);
        y = b.add("branch2_relu2", new ReLU(), y);
        String joined = b.add("concat", new Concat(), passed, y);
        b.add("shuffle", new ChannelShuffle(2), joined);
    }

    @Override
    public String keyParams() {
        return outChannels + (stride != 1 ? ", /" + stride : "");
    }
}
