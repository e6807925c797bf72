package netcanvas.graph;

/**
 * SqueezeNet's Fire module (Iandola et al., 2016), as torchvision's Fire: a 1x1 squeeze convolution with ReLU, then
 * a 1x1 and a 3x3 (padding 1) expand convolution side by side, each with ReLU, joined along channels. Every
 * convolution has a bias.
 */
@Kind(json = "fire", title = "Fire", category = Category.BLOCKS,
        formula = "1x1 squeeze (s) - ReLU, then 1x1 (e1) | 3x3 (e3) expand with ReLUs, joined: C = e1 + e3")
public record FireModule(
        @Param(label = "Squeeze", defaultValue = "16", min = 1, help = "channels of the 1x1 squeeze convolution")
        int squeeze,
        @Param(label = "Expand 1x1", defaultValue = "64", min = 1) int expand1x1,
        @Param(label = "Expand 3x3", defaultValue = "64", min = 1) int expand3x3) implements CompositeSpec {

    public FireModule {
        ParamBounds.check(FireModule.class, squeeze, expand1x1, expand3x3);
    }

    @Override
    public void expand(BlockBuilder b) {
        String s = b.add("squeeze", Conv2d.of(squeeze, 1, 1, 0, true), b.input(0));
        s = b.add("squeeze_relu", new ReLU(), s);
        String e1 = b.add("expand1x1", Conv2d.of(expand1x1, 1, 1, 0, true), s);
        e1 = b.add("expand1x1_relu", new ReLU(), e1);
        String e3 = b.add("expand3x3", Conv2d.of(expand3x3, 3, 1, 1, true), s);
        e3 = b.add("expand3x3_relu", new ReLU(), e3);
        b.add("concat", new Concat(), e1, e3);
    }

    @Override
    public String keyParams() {
        return "s" + squeeze + ", e" + expand1x1 + "/" + expand3x3;
    }
}
