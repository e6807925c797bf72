package netcanvas.presets;

import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.Flatten;
import netcanvas.graph.Hw;
import netcanvas.graph.InceptionV3A;
import netcanvas.graph.InceptionV3B;
import netcanvas.graph.InceptionV3C;
import netcanvas.graph.InceptionV3D;
import netcanvas.graph.InceptionV3E;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;

/** Inception v3 (Szegedy et al., 2016) as torchvision's inception_v3 without the auxiliary classifier. */
final class InceptionV3 {
    private InceptionV3() {
    }

    /**
     * 299x299 input; the stem of five convolutions (BN eps 0.001, ReLU) and two 3x3/2 max pools to 192x35x35, modules
     * A (mixed_5b-d), B (6a), C (6b-e), D (7a), E (7b-c), adaptive average pooling to 1x1, dropout 0.5 and a 1000-way
     * classifier. torchvision's transform_input (off unless pretrained weights are loaded) is left out.
     */
    static Network inceptionV3() {
        NetBuilder b = new NetBuilder("inception_v3").input(3, 299, 299);
        conv(b, "conv2d_1a_3x3", Conv2d.of(32, 3, 2, 0, false));
        conv(b, "conv2d_2a_3x3", Conv2d.of(32, 3, 1, 0, false));
        conv(b, "conv2d_2b_3x3", Conv2d.of(64, 3, 1, 1, false));
        b.then("maxpool1", MaxPool2d.of(3, 2, 0, false));
        conv(b, "conv2d_3b_1x1", Conv2d.of(80, 1, 1, 0, false));
        conv(b, "conv2d_4a_3x3", Conv2d.of(192, 3, 1, 0, false));
        b.then("maxpool2", MaxPool2d.of(3, 2, 0, false))
                .then("mixed_5b", new InceptionV3A(32)).then("mixed_5c", new InceptionV3A(64))
                .then("mixed_5d", new InceptionV3A(64)).then("mixed_6a", new InceptionV3B())
                .then("mixed_6b", new InceptionV3C(128)).then("mixed_6c", new InceptionV3C(160))
                .then("mixed_6d", new InceptionV3C(160)).then("mixed_6e", new InceptionV3C(192))
                .then("mixed_7a", new InceptionV3D()).then("mixed_7b", new InceptionV3E())
                .then("mixed_7c", new InceptionV3E());
        return b.then("avgpool", new AdaptiveAvgPool(Hw.of(1))).then("dropout", new Dropout(0.5))
                .then("flatten", new Flatten()).then("fc", new Dense(1000, true)).then("output", new Output())
                .build();
    }

    /** torchvision's BasicConv2d as three layers: the convolution, BN (eps 0.001) and ReLU. */
    private static void conv(NetBuilder b, String name, Conv2d c) {
        b.then(name, c).then(name + "_bn", new BatchNorm(0.001, 0.1)).then(name + "_relu", new ReLU());
    }
}
