package netcanvas.graph;

/**
 * GoogLeNet's Inception (v1) module: four parallel branches (1x1; 1x1 then 3x3; 1x1 then 5x5; 3x3 max pool then
 * 1x1) joined along channels. As in the paper each convolution has a bias and a ReLU; with batch norm on, each
 * convolution drops its bias and gets a BatchNorm before the ReLU (torchvision's BasicConv2d, keeping the 5x5).
 */
@Kind(json = "inception", title = "Inception", category = Category.BLOCKS,
        formula = "concat of 1x1 | 1x1-3x3 | 1x1-5x5 | pool-1x1; C = #1x1 + #3x3 + #5x5 + pool proj")
public record InceptionModule(
        @Param(label = "#1x1", defaultValue = "64", min = 1) int n1x1,
        @Param(label = "#3x3 reduce", defaultValue = "96", min = 1) int n3x3Reduce,
        @Param(label = "#3x3", defaultValue = "128", min = 1) int n3x3,
        @Param(label = "#5x5 reduce", defaultValue = "16", min = 1) int n5x5Reduce,
        @Param(label = "#5x5", defaultValue = "32", min = 1) int n5x5,
        @Param(label = "Pool proj", defaultValue = "32", min = 1) int poolProj,
        @Param(label = "Batch norm", defaultValue = "false") boolean batchNorm) implements CompositeSpec {

    public InceptionModule {
        ParamBounds.check(InceptionModule.class, n1x1, n3x3Reduce, n3x3, n5x5Reduce, n5x5, poolProj, batchNorm);
    }

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        String b1 = conv(b, "branch1", n1x1, 1, x);
        String b2 = conv(b, "branch2b", n3x3, 3, conv(b, "branch2a", n3x3Reduce, 1, x));
        String b3 = conv(b, "branch3b", n5x5, 5, conv(b, "branch3a", n5x5Reduce, 1, x));
        String pool = b.add("branch4_pool", MaxPool2d.of(3, 1, 1, false), x);
        String b4 = conv(b, "branch4", poolProj, 1, pool);
        b.add("concat", new Concat(), b1, b2, b3, b4);
    }

    private String conv(BlockBuilder b, String name, int channels, int kernel, String from) {
        String c = b.add(name, Conv2d.of(channels, kernel, 1, kernel / 2, !batchNorm), from);
        if (batchNorm) {
            c = b.add(name + "_bn", BatchNorm.standard(), c);
        }
        return b.add(name + "_relu", new ReLU(), c);
    }

    @Override
    public String keyParams() {
        return n1x1 + "/" + n3x3Reduce + "-" + n3x3 + "/" + n5x5Reduce + "-" + n5x5 + "/" + poolProj;
    }
}
