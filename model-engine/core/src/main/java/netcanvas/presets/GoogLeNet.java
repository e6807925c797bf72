package netcanvas.presets;

import netcanvas.graph.AvgPool2d;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.Flatten;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;

/**
 * GoogLeNet as in Szegedy et al. (2014), Table 1, laid out as Caffe's reference model: every convolution has a bias
 * and a ReLU (no batch norm), LRN after pool1 and after conv2, 3x3/2 max pools that round up, the real 5x5 branch in
 * each Inception module, a 7x7 average pool, dropout 0.4 and one dense layer.
 */
final class GoogLeNet {
    private GoogLeNet() {
    }

    static Network build(boolean auxiliaryClassifiers) {
        NetBuilder b = new NetBuilder("googlenet").input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 7, 2, 3, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(3, 2, 0, true)).then("norm1", PlainNets.lrn(1))
                .then("conv2_reduce", Conv2d.of(64, 1, 1, 0, true)).then("relu2_reduce", new ReLU())
                .then("conv2", Conv2d.of(192, 3, 1, 1, true)).then("relu2", new ReLU())
                .then("norm2", PlainNets.lrn(1)).then("pool2", MaxPool2d.of(3, 2, 0, true))
                .then("inception3a", inception(64, 96, 128, 16, 32, 32))
                .then("inception3b", inception(128, 128, 192, 32, 96, 64))
                .then("pool3", MaxPool2d.of(3, 2, 0, true))
                .then("inception4a", inception(192, 96, 208, 16, 48, 64))
                .then("inception4b", inception(160, 112, 224, 24, 64, 64))
                .then("inception4c", inception(128, 128, 256, 24, 64, 64))
                .then("inception4d", inception(112, 144, 288, 32, 64, 64))
                .then("inception4e", inception(256, 160, 320, 32, 128, 128))
                .then("pool4", MaxPool2d.of(3, 2, 0, true))
                .then("inception5a", inception(256, 160, 320, 32, 128, 128))
                .then("inception5b", inception(384, 192, 384, 48, 128, 128))
                .then("avgpool", AvgPool2d.of(7, 1, 0)).then("flatten", new Flatten())
                .then("dropout", new Dropout(0.4)).then("fc", new Dense(1000, true)).then("output", new Output());
        if (auxiliaryClassifiers) {
            auxiliary(b, "aux1", "inception4a");
            auxiliary(b, "aux2", "inception4d");
        }
        return b.build();
    }

    private static InceptionModule inception(int n1, int r3, int n3, int r5, int n5, int poolProj) {
        return new InceptionModule(n1, r3, n3, r5, n5, poolProj, false);
    }

    /**
     * The paper's auxiliary classifier: 5x5/3 average pool (14x14 to 4x4), 1x1 conv to 128 with ReLU, dense 1024
     * with ReLU, dropout 0.7, dense 1000, its own output (the paper weights its loss by 0.3).
     */
    private static void auxiliary(NetBuilder b, String id, String from) {
        b.add(id + "_pool", AvgPool2d.of(5, 3, 0), from)
                .then(id + "_conv", Conv2d.of(128, 1, 1, 0, true)).then(id + "_relu", new ReLU())
                .then(id + "_flatten", new Flatten())
                .then(id + "_fc1", new Dense(1024, true)).then(id + "_fc1_relu", new ReLU())
                .then(id + "_dropout", new Dropout(0.7)).then(id + "_fc2", new Dense(1000, true))
                .then(id + "_output", new Output());
    }
}
