package netcanvas.presets;

import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.InvertedResidual;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU6;
import netcanvas.graph.Stage;

/** MobileNetV2 (Sandler et al., 2018) as torchvision's mobilenet_v2 with width multiplier 1.0. */
final class MobileNets {
    /** torchvision's inverted_residual_setting: expansion t, out channels c, repeats n, first stride s. */
    private static final int[][] SETTING = {
            {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
            {6, 320, 1, 1}};

    private MobileNets() {
    }

    /**
     * 3x3/2 convolution to 32 channels with BN and ReLU6, seven groups of inverted residuals (block1..block7, a
     * stage where a group repeats), a 1x1 convolution to 1280 with BN and ReLU6, global average pooling, dropout 0.2
     * and a 1000-way classifier.
     */
    static Network mobilenetV2() {
        NetBuilder b = new NetBuilder("mobilenet_v2").input(3, 224, 224)
                .then("conv1", Conv2d.of(32, 3, 2, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU6());
        for (int i = 0; i < SETTING.length; i++) {
            int[] s = SETTING[i];
            InvertedResidual block = InvertedResidual.mobileNetV2(s[0], s[1], s[3]);
            b.then("block" + (i + 1), s[2] == 1 ? block : new Stage(s[2], block));
        }
        return b.then("conv_last", Conv2d.of(1280, 1, 1, 0, false)).then("bn_last", BatchNorm.standard())
                .then("relu_last", new ReLU6()).then("avgpool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("dropout", new Dropout(0.2)).then("fc", new Dense(1000, true)).then("output", new Output())
                .build();
    }
}
