package netcanvas.train;

import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;

/** The networks the memory and time benchmarks measure, by name: presets, and two built here. */
final class BenchmarkNets {
    private BenchmarkNets() {
    }

    /**
     * "vgg-cifar": VGG's pattern at CIFAR size (3x32x32): two 3x3 convolutions with batch norm and ReLU per stage at
     * widths 32, 64, 128, each stage closed by a 2x2 max pool, then a 256-wide hidden dense layer and 10 classes.
     * "tiny": a dense layer on an 8x8 input, which measures what a training run costs whatever the network.
     * Anything else: a preset.
     */
    static Network named(String name) throws NetworkFormatException {
        return switch (name) {
            case "vgg-cifar" -> vggCifar();
            case "tiny" -> new NetBuilder("tiny").input(1, 8, 8).then("flatten", new Flatten())
                    .then("fc", new Dense(10, true)).then("out", new Output()).build();
            default -> Presets.load(name);
        };
    }

    static Network vggCifar() {
        NetBuilder b = new NetBuilder("vgg-cifar").input(3, 32, 32);
        int width = 32;
        for (int stage = 1; stage <= 3; stage++) {
            for (int i = 1; i <= 2; i++) {
                String id = "conv" + stage + "_" + i;
                b.then(id, Conv2d.of(width, 3, 1, 1, false)).then("bn" + stage + "_" + i, BatchNorm.standard())
                        .then("relu" + stage + "_" + i, new ReLU());
            }
            b.then("pool" + stage, MaxPool2d.of(2, 2, 0, false));
            width *= 2;
        }
        return b.then("flatten", new Flatten()).then("fc1", new Dense(256, true)).then("relu_fc1", new ReLU())
                .then("fc2", new Dense(10, true)).then("out", new Output()).build();
    }
}
