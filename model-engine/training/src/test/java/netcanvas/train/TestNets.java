package netcanvas.train;

import netcanvas.graph.*;

/** Networks the training tests build in code (independent of the shipped preset files). */
final class TestNets {
    private TestNets() {
    }

    /** LeNet-5 as in the PyTorch tutorial recipe: 1x32x32, two 5x5 convolutions, three dense layers. */
    static Network lenet5() {
        return new NetBuilder("lenet5").input(1, 32, 32)
                .then("c1", Conv2d.of(6, 5, 1, 0, true)).then("r1", new ReLU()).then("s2", MaxPool2d.of(2, 2, 0, false))
                .then("c3", Conv2d.of(16, 5, 1, 0, true)).then("r3", new ReLU()).then("s4", MaxPool2d.of(2, 2, 0, false))
                .then("f5", new Dense(120, true)).then("r5", new ReLU())
                .then("f6", new Dense(84, true)).then("r6", new ReLU())
                .then("f7", new Dense(10, true)).then("out", new Output()).build();
    }

    /** torchvision resnet18 (BasicBlock) or resnet50 (Bottleneck) at a given input size and class count. */
    static Network resnet(boolean bottleneck, int[] reps, int size, int classes) {
        NetBuilder b = new NetBuilder(bottleneck ? "resnet-bottleneck" : "resnet-basic").input(3, size, size)
                .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
        int[] widths = {64, 128, 256, 512};
        for (int i = 0; i < reps.length; i++) {
            LayerSpec block = bottleneck
                    ? new BottleneckBlock(widths[i], widths[i] * 4, i == 0 ? 1 : 2, 1, false, 0)
                    : new BasicBlock(widths[i], i == 0 ? 1 : 2, false, 0);
            b.then("layer" + (i + 1), new Stage(reps[i], block));
        }
        return b.then("avgpool", new GlobalAvgPool()).then("fc", new Dense(classes, true))
                .then("out", new Output()).build();
    }
}
