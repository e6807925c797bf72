package netcanvas.graph;

/**
 * Inception v3's second grid reduction (17x17 to 8x8), as torchvision's InceptionD: 1x1 (192) - 3x3/2 (320) | 1x1
 * (192) - 1x7 (192) - 7x1 (192) - 3x3/2 (192) | 3x3/2 max pool, joined along channels; each convolution with BN and
 * ReLU. C = C_in + 512.
 */
@Kind(json = "inception_v3_d", title = "Inception v3 D", category = Category.BLOCKS,
        formula = "grid reduction: 1x1-3x3/2 | 1x1-1x7-7x1-3x3/2 | maxpool 3x3/2: H/2, C = C_in + 512")
public record InceptionV3D() implements CompositeSpec {

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        String b3 = InceptionV3Conv.add(b, "branch3x3_1", 192, 1, 1, 0, x);
        b3 = InceptionV3Conv.add(b, "branch3x3_2", 320, 3, 2, 0, b3);
        String b7 = InceptionV3Conv.add(b, "branch7x7x3_1", 192, 1, 1, 0, x);
        b7 = InceptionV3Conv.factorised(b, "branch7x7x3_2", 192, 1, 7, b7);
        b7 = InceptionV3Conv.factorised(b, "branch7x7x3_3", 192, 7, 1, b7);
        b7 = InceptionV3Conv.add(b, "branch7x7x3_4", 192, 3, 2, 0, b7);
        String pool = b.add("branch_pool", MaxPool2d.of(3, 2, 0, false), x);
        b.add("concat", new Concat(), b3, b7, pool);
    }

    @Override
    public String keyParams() {
        return "/2";
    }
}
