package netcanvas.graph;

/**
 * Inception v3's module C on the 17x17 grid (figure 6: n x n factorised into 1 x n and n x 1), as torchvision's
 * InceptionC: 1x1 (192) | 1x1 (c7) - 1x7 (c7) - 7x1 (192) | 1x1 (c7) - 7x1 - 1x7 - 7x1 (c7) - 1x7 (192) | 3x3
 * average pool (stride 1, padding 1) - 1x1 (192); each convolution with BN and ReLU. C = 768.
 */
@Kind(json = "inception_v3_c", title = "Inception v3 C", category = Category.BLOCKS,
        formula = "1x1 | 1x1-1x7-7x1 | 1x1-7x1-1x7-7x1-1x7 | avgpool-1x1, factorised 7x7 (c7 wide): C = 768")
public record InceptionV3C(
        @Param(label = "7x7 channels", defaultValue = "128", min = 1,
                help = "width c7 of the factorised 7x7 branches") int channels7x7) implements CompositeSpec {

    public InceptionV3C {
        ParamBounds.check(InceptionV3C.class, channels7x7);
    }

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        int c7 = channels7x7;
        String b1 = InceptionV3Conv.add(b, "branch1x1", 192, 1, 1, 0, x);
        String b7 = InceptionV3Conv.add(b, "branch7x7_1", c7, 1, 1, 0, x);
        b7 = InceptionV3Conv.factorised(b, "branch7x7_2", c7, 1, 7, b7);
        b7 = InceptionV3Conv.factorised(b, "branch7x7_3", 192, 7, 1, b7);
        String dbl = InceptionV3Conv.add(b, "branch7x7dbl_1", c7, 1, 1, 0, x);
        dbl = InceptionV3Conv.factorised(b, "branch7x7dbl_2", c7, 7, 1, dbl);
        dbl = InceptionV3Conv.factorised(b, "branch7x7dbl_3", c7, 1, 7, dbl);
        dbl = InceptionV3Conv.factorised(b, "branch7x7dbl_4", c7, 7, 1, dbl);
        dbl = InceptionV3Conv.factorised(b, "branch7x7dbl_5", 192, 1, 7, dbl);
        String pool = b.add("branch_pool_avg", AvgPool2d.of(3, 1, 1), x);
        pool = InceptionV3Conv.add(b, "branch_pool", 192, 1, 1, 0, pool);
        b.add("concat", new Concat(), b1, b7, dbl, pool);
    }

    @Override
    public String keyParams() {
        return "c7 " + channels7x7;
    }
}
