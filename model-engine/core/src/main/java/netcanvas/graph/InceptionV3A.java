package netcanvas.graph;

/**
 * Inception v3's module A (Szegedy et al., 2016, figure 5), as torchvision's InceptionA: four branches joined along
 * channels, 1x1 (64) | 1x1 (48) - 5x5 (64) | 1x1 (64) - 3x3 (96) - 3x3 (96) | 3x3 average pool (stride 1, padding 1)
 * - 1x1 (pool features); each convolution with BN and ReLU. C = 224 + pool features.
 */
@Kind(json = "inception_v3_a", title = "Inception v3 A", category = Category.BLOCKS,
        formula = "1x1 | 1x1-5x5 | 1x1-3x3-3x3 | avgpool-1x1 (pool features): C = 224 + pool features")
public record InceptionV3A(
        @Param(label = "Pool features", defaultValue = "32", min = 1,
                help = "channels of the 1x1 convolution after the pool") int poolFeatures) implements CompositeSpec {

    public InceptionV3A {
        ParamBounds.check(InceptionV3A.class, poolFeatures);
    }

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        String b1 = InceptionV3Conv.add(b, "branch1x1", 64, 1, 1, 0, x);
        String b5 = InceptionV3Conv.add(b, "branch5x5_1", 48, 1, 1, 0, x);
        b5 = InceptionV3Conv.add(b, "branch5x5_2", 64, 5, 1, 2, b5);
        String b3 = InceptionV3Conv.add(b, "branch3x3dbl_1", 64, 1, 1, 0, x);
        b3 = InceptionV3Conv.add(b, "branch3x3dbl_2", 96, 3, 1, 1, b3);
        b3 = InceptionV3Conv.add(b, "branch3x3dbl_3", 96, 3, 1, 1, b3);
        String pool = b.add("branch_pool_avg", AvgPool2d.of(3, 1, 1), x);
        pool = InceptionV3Conv.add(b, "branch_pool", poolFeatures, 1, 1, 0, pool);
        b.add("concat", new Concat(), b1, b5, b3, pool);
    }

    @Override
    public String keyParams() {
        return "pool " + poolFeatures;
    }
}
