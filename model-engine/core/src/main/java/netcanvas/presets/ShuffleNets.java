package netcanvas.presets;

import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.ShuffleNetV2Unit;
import netcanvas.graph.Stage;

/** ShuffleNet v2 (Ma et al., 2018) as torchvision's shufflenet_v2_x1_0. */
final class ShuffleNets {
    /** torchvision's stages_repeats and stages_out_channels for width 1.0. */
    private static final int[] REPEATS = {4, 8, 4};
    private static final int[] WIDTHS = {116, 232, 464};

    private ShuffleNets() {
    }

    /**
     * 3x3/2 convolution to 24 channels with BN and ReLU, 3x3/2 max pool (padding 1), stages 2-4 (each a down-sampling
     * unit then basic units), a 1x1 convolution to 1024 with BN and ReLU, global average pooling (torchvision's
     * x.mean([2, 3])) and a 1000-way classifier.
     */
    static Network shufflenetV2x10() {
        NetBuilder b = new NetBuilder("shufflenet_v2_x1_0").input(3, 224, 224)
                .then("conv1", Conv2d.of(24, 3, 2, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
        for (int i = 0; i < REPEATS.length; i++) {
            b.then("stage" + (i + 2), new Stage(REPEATS[i], new ShuffleNetV2Unit(WIDTHS[i], 2)));
        }
        return b.then("conv5", Conv2d.of(1024, 1, 1, 0, false)).then("bn5", BatchNorm.standard())
                .then("relu5", new ReLU()).then("avgpool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("fc", new Dense(1000, true)).then("output", new Output()).build();
    }
}
