package netcanvas.graph;

/**
 * Inception v3's module E on the 8x8 grid (figure 7: expanded filter banks, 3x3 split into parallel 1x3 and 3x1), as
 * torchvision's InceptionE: 1x1 (320) | 1x1 (384) - [1x3 (384) | 3x1 (384)] | 1x1 (448) - 3x3 (384) - [1x3 (384) |
 * 3x1 (384)] | 3x3 average pool (stride 1, padding 1) - 1x1 (192); each convolution with BN and ReLU, each bracketed
 * pair joined first, then the four branches. C = 2048.
 */
@Kind(json = "inception_v3_e", title = "Inception v3 E", category = Category.BLOCKS,
        formula = "1x1 | 1x1-(1x3, 3x1) | 1x1-3x3-(1x3, 3x1) | avgpool-1x1: C = 320 + 768 + 768 + 192 = 2048")
public record InceptionV3E() implements CompositeSpec {

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        String b1 = InceptionV3Conv.add(b, "branch1x1", 320, 1, 1, 0, x);
        String b3 = InceptionV3Conv.add(b, "branch3x3_1", 384, 1, 1, 0, x);
        String b3a = InceptionV3Conv.factorised(b, "branch3x3_2a", 384, 1, 3, b3);
        String b3b = InceptionV3Conv.factorised(b, "branch3x3_2b", 384, 3, 1, b3);
        b3 = b.add("branch3x3", new Concat(), b3a, b3b);
        String dbl = InceptionV3Conv.add(b, "branch3x3dbl_1", 448, 1, 1, 0, x);
        dbl = InceptionV3Conv.add(b, "branch3x3dbl_2", 384, 3, 1, 1, dbl);
        String dbla = InceptionV3Conv.factorised(b, "branch3x3dbl_3a", 384, 1, 3, dbl);
        String dblb = InceptionV3Conv.factorised(b, "branch3x3dbl_3b", 384, 3, 1, dbl);
        dbl = b.add("branch3x3dbl", new Concat(), dbla, dblb);
        String pool = b.add("branch_pool_avg", AvgPool2d.of(3, 1, 1), x);
        pool = InceptionV3Conv.add(b, "branch_pool", 192, 1, 1, 0, pool);
        b.add("concat", new Concat(), b1, b3, dbl, pool);
    }

    @Override
    public String keyParams() {
        return "";
    }
}
