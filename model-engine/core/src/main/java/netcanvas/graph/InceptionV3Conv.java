package netcanvas.graph;

/**
 * Inception v3's BasicConv2d, the unit every one of its modules is made of: a convolution without bias, batch norm
 * with epsilon 0.001 (torchvision's, after the TensorFlow original) and ReLU.
 */
final class InceptionV3Conv {
    /** torchvision's BasicConv2d batch norm: eps 0.001, PyTorch's default momentum. */
    static final BatchNorm BN = new BatchNorm(0.001, 0.1);

    private InceptionV3Conv() {
    }

    /** conv (name) - bn (name_bn) - relu (name_relu) from {@code from}; returns the ReLU's id. */
    static String add(BlockBuilder b, String name, Conv2d conv, String from) {
        String y = b.add(name, conv, from);
        y = b.add(name + "_bn", BN, y);
        return b.add(name + "_relu", new ReLU(), y);
    }

    /** A square kernel k with stride s and padding p. */
    static String add(BlockBuilder b, String name, int out, int k, int s, int p, String from) {
        return add(b, name, Conv2d.of(out, k, s, p, false), from);
    }

    /** A kh x kw kernel, stride 1, padding (kh - 1) / 2 x (kw - 1) / 2: the factorised 1xn and nx1 convolutions. */
    static String factorised(BlockBuilder b, String name, int out, int kh, int kw, String from) {
        return add(b, name, new Conv2d(out, new Hw(kh, kw), Hw.of(1), Padding.of((kh - 1) / 2, (kw - 1) / 2),
                Hw.of(1), 1, false), from);
    }
}
