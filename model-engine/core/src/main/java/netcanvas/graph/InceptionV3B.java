package netcanvas.graph;

/**
 * Inception v3's first grid reduction (35x35 to 17x17), as torchvision's InceptionB: 3x3/2 (384) | 1x1 (64) - 3x3
 * (96) - 3x3/2 (96) | 3x3/2 max pool, joined along channels; each convolution with BN and ReLU. C = C_in + 480.
 */
@Kind(json = "inception_v3_b", title = "Inception v3 B", category = Category.BLOCKS,
        formula = "grid reduction: 3x3/2 | 1x1-3x3-3x3/2 | maxpool 3x3/2: H/2, C = C_in + 480")
public record InceptionV3B() implements CompositeSpec {

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        String b3 = InceptionV3Conv.add(b, "branch3x3", 384, 3, 2, 0, x);
        String dbl = InceptionV3Conv.add(b, "branch3x3dbl_1", 64, 1, 1, 0, x);
        dbl = InceptionV3Conv.add(b, "branch3x3dbl_2", 96, 3, 1, 1, dbl);
        dbl = InceptionV3Conv.add(b, "branch3x3dbl_3", 96, 3, 2, 0, dbl);
        String pool = b.add("branch_pool", MaxPool2d.of(3, 2, 0, false), x);
        b.add("concat", new Concat(), b3, dbl, pool);
    }

    @Override
    public String keyParams() {
        return "/2";
    }
}
