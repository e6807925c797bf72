package netcanvas.presets;

import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.Hardswish;
import netcanvas.graph.InvertedResidual;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU6;
import netcanvas.graph.SiLU;
import netcanvas.graph.Stage;

/**
 * MobileNetV2 (Sandler et al., 2018), EfficientNet-B0 (Tan and Le, 2019) and MobileNetV3-Large (Howard et al., 2019)
 * as torchvision's mobilenet_v2, efficientnet_b0 and mobilenet_v3_large with width multiplier 1.0, and a small
 * MobileNetV2 for 1x28x28 images (Fashion-MNIST).
 */
final class MobileNets {
    /** torchvision's inverted_residual_setting: expansion t, out channels c, repeats n, first stride s. */
    private static final int[][] SETTING = {
            {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
            {6, 320, 1, 1}};

    /**
     * The 28x28 MobileNetV2's groups (expansion t, out channels c, repeats n, first stride s): torchvision's first five
     * groups at about half their width, strided so that 28x28 becomes 14, 7, 7 and 4 (the stem is unstrided).
     */
    private static final int[][] FMNIST = {{1, 8, 1, 1}, {6, 16, 2, 2}, {6, 24, 3, 2}, {6, 32, 2, 1}, {6, 64, 2, 2}};

    /** torchvision's efficientnet_b0 MBConv settings: expansion, kernel, first stride, out channels, repeats. */
    private static final int[][] B0 = {
            {1, 3, 1, 16, 1}, {6, 3, 2, 24, 2}, {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3}, {6, 5, 1, 112, 3},
            {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};

    /**
     * torchvision's mobilenet_v3_large bneck settings: kernel, expanded channels, out channels, SE (1/0), Hardswish
     * (1) or ReLU (0), stride.
     */
    private static final int[][] V3_LARGE = {
            {3, 16, 16, 0, 0, 1}, {3, 64, 24, 0, 0, 2}, {3, 72, 24, 0, 0, 1}, {5, 72, 40, 1, 0, 2},
            {5, 120, 40, 1, 0, 1}, {5, 120, 40, 1, 0, 1}, {3, 240, 80, 0, 1, 2}, {3, 200, 80, 0, 1, 1},
            {3, 184, 80, 0, 1, 1}, {3, 184, 80, 0, 1, 1}, {3, 480, 112, 1, 1, 1}, {3, 672, 112, 1, 1, 1},
            {5, 672, 160, 1, 1, 2}, {5, 960, 160, 1, 1, 1}, {5, 960, 160, 1, 1, 1}};

    /** torchvision's BatchNorm2d settings in mobilenet_v3_large's stem and head. */
    private static final BatchNorm V3_BN = new BatchNorm(1e-3, 0.01);

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

    /**
     * MobileNetV2 for 1x28x28 images and 10 classes, small enough to train on a CPU in minutes an epoch: 3x3/1
     * convolution to 16 channels with BN and ReLU6, five groups of inverted residuals ({@link #FMNIST}), a 1x1
     * convolution to 256 with BN and ReLU6, global average pooling and a 10-way classifier (no dropout).
     */
    static Network mobilenetV2Fmnist() {
        NetBuilder b = new NetBuilder("mobilenet_v2-fmnist").input(1, 28, 28)
                .then("conv1", Conv2d.of(16, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU6());
        for (int i = 0; i < FMNIST.length; i++) {
            int[] s = FMNIST[i];
            InvertedResidual block = InvertedResidual.mobileNetV2(s[0], s[1], s[3]);
            b.then("block" + (i + 1), s[2] == 1 ? block : new Stage(s[2], block));
        }
        return b.then("conv_last", Conv2d.of(256, 1, 1, 0, false)).then("bn_last", BatchNorm.standard())
                .then("relu_last", new ReLU6()).then("avgpool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("fc", new Dense(10, true)).then("output", new Output()).build();
    }

    /**
     * 3x3/2 convolution to 32 channels with BN and SiLU, seven groups of MBConv blocks (SiLU, SE to input / 4),
     * a 1x1 convolution to 1280 with BN and SiLU, global average pooling, dropout 0.2 and a 1000-way classifier.
     */
    static Network efficientnetB0() {
        NetBuilder b = new NetBuilder("efficientnet_b0").input(3, 224, 224)
                .then("conv1", Conv2d.of(32, 3, 2, 1, false)).then("bn1", BatchNorm.standard())
                .then("silu1", new SiLU());
        for (int i = 0; i < B0.length; i++) {
            int[] s = B0[i];
            InvertedResidual block = InvertedResidual.mbConv(s[0], s[1], s[2], s[3]);
            b.then("block" + (i + 1), s[4] == 1 ? block : new Stage(s[4], block));
        }
        return b.then("conv_last", Conv2d.of(1280, 1, 1, 0, false)).then("bn_last", BatchNorm.standard())
                .then("silu_last", new SiLU()).then("avgpool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("dropout", new Dropout(0.2)).then("fc", new Dense(1000, true)).then("output", new Output())
                .build();
    }

    /**
     * 3x3/2 convolution to 16 channels with BN and Hardswish, fifteen MobileNetV3 blocks (block1..block15), a 1x1
     * convolution to 960 with BN and Hardswish, global average pooling, a 1280-unit layer with Hardswish, dropout 0.2
     * and a 1000-way classifier. The stem's and head's BNs use torchvision's epsilon 1e-3 and momentum 0.01.
     */
    static Network mobilenetV3Large() {
        NetBuilder b = new NetBuilder("mobilenet_v3_large").input(3, 224, 224)
                .then("conv1", Conv2d.of(16, 3, 2, 1, false)).then("bn1", V3_BN).then("hardswish1", new Hardswish());
        for (int i = 0; i < V3_LARGE.length; i++) {
            int[] s = V3_LARGE[i];
            b.then("block" + (i + 1), InvertedResidual.mobileNetV3(s[0], s[1], s[2], s[3] == 1,
                    s[4] == 1 ? "hardswish" : "relu", s[5]));
        }
        return b.then("conv_last", Conv2d.of(960, 1, 1, 0, false)).then("bn_last", V3_BN)
                .then("hardswish_last", new Hardswish()).then("avgpool", new GlobalAvgPool())
                .then("flatten", new Flatten()).then("fc1", new Dense(1280, true)).then("hardswish_fc", new Hardswish())
                .then("dropout", new Dropout(0.2)).then("fc", new Dense(1000, true)).then("output", new Output())
                .build();
    }
}
