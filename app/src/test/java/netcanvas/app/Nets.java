package netcanvas.app;

import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;

/** Networks the UI tests open. */
final class Nets {
    private Nets() {
    }

    /** torchvision's resnet50 layout: stages of 3, 4, 6, 3 bottlenecks (widths 64..512, x4 expansion). */
    static Network resnet50() {
        NetBuilder b = new NetBuilder("resnet50").input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
        int[] reps = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int i = 0; i < 4; i++) {
            b.then("layer" + (i + 1), new Stage(reps[i],
                    new BottleneckBlock(widths[i], widths[i] * 4, i == 0 ? 1 : 2, 1, false, 0)));
        }
        return b.then("avgpool", new GlobalAvgPool()).then("fc", new Dense(1000, true)).then("out", new Output())
                .build();
    }

    /** The shipped preset when this build has it, else the same network built here. */
    static Network resnet50PresetOrBuilt() {
        try {
            return Presets.load("resnet50");
        } catch (NetworkFormatException e) {
            return resnet50();
        }
    }

    static boolean presetShipped(String name) {
        return Presets.class.getResource("/netcanvas/presets/" + name + ".json") != null;
    }
}
