package netcanvas.app;

import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;

/** What the window shows on first start: the LeNet-5 preset, so there is something to look at and train. */
final class StartNetwork {
    private StartNetwork() {
    }

    static Network lenet5() {
        try {
            return Presets.load("lenet5");
        } catch (NetworkFormatException e) {
            return builtIn();
        }
    }

    /** LeNet-5 as in the preset, for builds that ship without the preset files. */
    static Network builtIn() {
        return new NetBuilder("lenet5").input(1, 32, 32)
                .then("conv1", Conv2d.of(6, 5, 1, 0, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(2, 2, 0, false))
                .then("conv2", Conv2d.of(16, 5, 1, 0, true)).then("relu2", new ReLU())
                .then("pool2", MaxPool2d.of(2, 2, 0, false))
                .then("fc1", new Dense(120, true)).then("relu3", new ReLU())
                .then("fc2", new Dense(84, true)).then("relu4", new ReLU())
                .then("fc3", new Dense(10, true)).then("output", new Output()).build();
    }
}
