package netcanvas.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * DenseNet's dense block (Huang et al., 2017; torchvision's _DenseBlock): each layer is BN-ReLU-1x1 conv to
 * bnSize*growth channels, BN-ReLU-3x3 conv to `growth` channels, and sees the concatenation of the block input and
 * every earlier layer's output. The block outputs that concatenation: in + layers*growth channels.
 */
@Kind(json = "dense_block", title = "Dense block", category = Category.BLOCKS,
        formula = "C_out = C_in + layers * growth")
public record DenseBlock(
        @Param(label = "Layers", defaultValue = "6", min = 1, max = DenseBlock.MAX_LAYERS,
                help = "each layer reads every earlier one, so the block's size grows with its square")
        int layers,
        @Param(label = "Growth rate", defaultValue = "32", min = 1) int growthRate,
        @Param(label = "Bottleneck size", defaultValue = "4", min = 1,
                help = "the 1x1 convolution produces bottleneck size x growth rate channels") int bnSize)
        implements CompositeSpec {

    /** DenseNet-264's largest block has 64 layers; each layer's concat lists every earlier one. */
    public static final int MAX_LAYERS = 1000;

    public DenseBlock {
        ParamBounds.check(DenseBlock.class, layers, growthRate, bnSize);
    }

    @Override
    public void expand(BlockBuilder b) {
        List<String> features = new ArrayList<>();
        features.add(b.input(0));
        for (int i = 1; i <= layers; i++) {
            String p = "denselayer" + i + ".";
            String in = features.size() == 1 ? features.get(0)
                    : b.add(p + "concat", new Concat(), features.toArray(String[]::new));
            b.add(p + "norm1", BatchNorm.standard(), in);
            b.add(p + "relu1", new ReLU(), b.outputId());
            b.add(p + "conv1", Conv2d.of(bnSize * growthRate, 1, 1, 0, false), b.outputId());
            b.add(p + "norm2", BatchNorm.standard(), b.outputId());
            b.add(p + "relu2", new ReLU(), b.outputId());
            features.add(b.add(p + "conv2", Conv2d.of(growthRate, 3, 1, 1, false), b.outputId()));
        }
        b.add("concat", new Concat(), features.toArray(String[]::new));
    }

    @Override
    public String keyParams() {
        return layers + " x (1x1-3x3), k=" + growthRate;
    }
}
