package netcanvas.cli;

import java.io.IOException;
import java.nio.file.Path;
import netcanvas.graph.Add;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
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
import netcanvas.graph.Tanh;
import netcanvas.io.NetworkJson;

/**
 * Networks built in test code, written to files for the command to read. They stand in for the presets until
 * samples/ ships them, and they pin the layouts whose totals the tests check against published figures.
 */
final class TestNetworks {
    private TestNetworks() {
    }

    /** LeCun et al. (1998) with average-pool subsampling and tanh, on a 1x32x32 image, 10 classes. */
    static Network lenet5() {
        return new NetBuilder("lenet5").input(1, 32, 32)
                .then("c1", Conv2d.of(6, 5, 1, 0, true)).then("tanh1", new Tanh())
                .then("s2", AvgPool2d.of(2, 2, 0))
                .then("c3", Conv2d.of(16, 5, 1, 0, true)).then("tanh3", new Tanh())
                .then("s4", AvgPool2d.of(2, 2, 0))
                .then("flatten", new Flatten())
                .then("f5", new Dense(120, true)).then("tanh5", new Tanh())
                .then("f6", new Dense(84, true)).then("tanh6", new Tanh())
                .then("out", new Dense(10, true)).then("loss", new Output())
                .build();
    }

    /** torchvision's resnet18. */
    static Network resnet18() {
        return resnet("resnet18", new int[] {2, 2, 2, 2}, (w, s) -> new BasicBlock(w, s, false, 0));
    }

    /** torchvision's resnet50 (v1.5: the stride on the 3x3): the engine's shared test network (core test-jar). */
    static Network resnet50() {
        return netcanvas.export.TestNetworks.resnet50();
    }

    private static Network resnet(String name, int[] repeats, BlockOfWidth block) {
        NetBuilder b = new NetBuilder(name).input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
        int width = 64;
        for (int i = 0; i < repeats.length; i++) {
            // Each stage after the first halves the size in its first block (Stage gives later copies stride 1).
            b.then("layer" + (i + 1), new Stage(repeats[i], block.of(width, i == 0 ? 1 : 2)));
            width *= 2;
        }
        return b.then("avgpool", new GlobalAvgPool()).then("fc", new Dense(1000, true)).then("out", new Output())
                .build();
    }

    private interface BlockOfWidth {
        LayerSpec of(int width, int stride);
    }

    /** a -> b -> a: each ReLU feeds the other. */
    static Network cycle() {
        return new NetBuilder("loop").input(3, 8, 8)
                .add("join", new Add(), "input", "b")
                .add("a", new ReLU(), "join")
                .add("b", new ReLU(), "a")
                .build();
    }

    /** Valid but with no Output layer, which the analysis warns about. */
    static Network withoutOutput() {
        return new NetBuilder("headless").input(3, 8, 8).then("conv", Conv2d.of(4, 3, 1, 1, true)).build();
    }

    static Path write(Path dir, Network network) throws IOException {
        Path file = dir.resolve(network.name() + ".json");
        NetworkJson.write(network, file);
        return file;
    }
}
