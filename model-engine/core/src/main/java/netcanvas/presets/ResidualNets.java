package netcanvas.presets;

import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;

/**
 * ResNet (torchvision's v1.5: the stride sits on the 3x3 convolution), ResNeXt and SE-ResNet. Stages are named
 * layer1..layer4 as in torchvision, so inner ids read "layer1.0.conv1"; projection shortcuts appear by themselves
 * where a block changes shape (torchvision's "downsample").
 */
final class ResidualNets {
    private static final int[] PLANES = {64, 128, 256, 512};

    private ResidualNets() {
    }

    /** ResNet-18/34: basic blocks with 64, 128, 256, 512 channels. */
    static Network resnetBasic(String name, int... repeats) {
        NetBuilder b = stem(name);
        for (int i = 0; i < 4; i++) {
            stage(b, i, repeats[i], new BasicBlock(PLANES[i], i == 0 ? 1 : 2, false, 0));
        }
        return head(b);
    }

    /**
     * ResNet-50/101/152 and their variants: bottleneck blocks of width planes x widthFactor and out channels
     * planes x 4.
     *
     * @param widthFactor 1 for ResNet; 2 for ResNeXt 32x4d (torchvision: planes * 4/64 * 32)
     * @param groups      1 for ResNet; the cardinality for ResNeXt
     * @param seReduction 0, or the squeeze-and-excitation reduction on every block (16 for SE-ResNet)
     */
    static Network resnetBottleneck(String name, int widthFactor, int groups, int seReduction, int... repeats) {
        NetBuilder b = stem(name);
        for (int i = 0; i < 4; i++) {
            int planes = PLANES[i];
            stage(b, i, repeats[i], new BottleneckBlock(planes * widthFactor, planes * 4, i == 0 ? 1 : 2, groups,
                    false, seReduction));
        }
        return head(b);
    }

    /**
     * He et al.'s CIFAR ResNet (ResNet-20 with 3 blocks per stage): a 3x3 convolution of 16 channels, three stages of
     * basic blocks at 16, 32 and 64 channels (the last two halving the size), global average pooling and a 10-way
     * classifier. The paper's shortcuts pad with zeros where the width changes (0.27 M parameters); these use 1x1
     * projections (torchvision's style, 2,752 more). The input is Fashion-MNIST's 1x28x28; set 3x32x32 for CIFAR-10.
     */
    static Network cifarResnet(String name, int blocksPerStage) {
        NetBuilder b = new NetBuilder(name).input(1, 28, 28)
                .then("conv1", Conv2d.of(16, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU());
        for (int i = 0; i < 3; i++) {
            stage(b, i, blocksPerStage, new BasicBlock(16 << i, i == 0 ? 1 : 2, false, 0));
        }
        return b.then("avgpool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("fc", new Dense(10, true)).then("output", new Output()).build();
    }

    private static NetBuilder stem(String name) {
        return new NetBuilder(name).input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
    }

    private static void stage(NetBuilder b, int index, int repeats, LayerSpec block) {
        b.then("layer" + (index + 1), new Stage(repeats, block));
    }

    private static Network head(NetBuilder b) {
        return b.then("avgpool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("fc", new Dense(1000, true)).then("output", new Output()).build();
    }
}
