package netcanvas.presets;

import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.DenseBlock;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Transition;

/** torchvision's DenseNet, with its layer names (conv0, denseblock1, transition1, ..., norm5, classifier). */
final class DenseNet {
    private DenseNet() {
    }

    /** DenseNet-121: blocks of 6, 12, 24, 16 layers, growth 32, bottleneck 4 x growth, compression 0.5. */
    static Network densenet121() {
        int[] layers = {6, 12, 24, 16};
        NetBuilder b = new NetBuilder("densenet121").input(3, 224, 224)
                .then("conv0", Conv2d.of(64, 7, 2, 3, false)).then("norm0", BatchNorm.standard())
                .then("relu0", new ReLU()).then("pool0", MaxPool2d.of(3, 2, 1, false));
        for (int i = 0; i < layers.length; i++) {
            b.then("denseblock" + (i + 1), new DenseBlock(layers[i], 32, 4));
            if (i < layers.length - 1) {
                b.then("transition" + (i + 1), new Transition(0.5));
            }
        }
        return b.then("norm5", BatchNorm.standard()).then("relu5", new ReLU())
                .then("avgpool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("classifier", new Dense(1000, true)).then("output", new Output()).build();
    }
}
