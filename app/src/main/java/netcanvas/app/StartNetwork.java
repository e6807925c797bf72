package netcanvas.app;

import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;

/**
 * What the window shows on first start: the LeNet-5 preset, so there is something to look at and train.
 *
 * <p>It is built here, already placed, rather than read from the preset file and laid out: reading it would load
 * the JSON library and laying it out the ELK layout engine, together about a third of the window's cold start, for
 * a network whose layout never changes. StartNetworkTest checks it against the preset file.
 */
final class StartNetwork {
    /** Auto-layout wraps this 14-box chain into columns of five, 251 px apart, rows 116 px apart. */
    private static final int PER_COLUMN = 5;
    private static final double LEFT = 12;
    private static final double TOP = 72;
    private static final double COLUMN_STEP = 251;
    private static final double ROW_STEP = 116;

    private StartNetwork() {
    }

    /** The lenet5 preset, placed where Auto-layout puts it. */
    static Network lenet5() {
        Network chain = new NetBuilder("lenet5").input(1, 32, 32)
                .then("conv1", Conv2d.of(6, 5, 1, 0, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(2, 2, 0, false))
                .then("conv2", Conv2d.of(16, 5, 1, 0, true)).then("relu2", new ReLU())
                .then("pool2", MaxPool2d.of(2, 2, 0, false)).then("flatten", new Flatten())
                .then("fc1", new Dense(120, true)).then("relu3", new ReLU())
                .then("fc2", new Dense(84, true)).then("relu4", new ReLU())
                .then("fc3", new Dense(10, true)).then("output", new Output()).build();
        java.util.List<Node> placed = new java.util.ArrayList<>();
        for (Node n : chain.nodes()) {
            int i = placed.size();
            placed.add(n.withPosition(new Node.Position(LEFT + COLUMN_STEP * (i / PER_COLUMN),
                    TOP + ROW_STEP * (i % PER_COLUMN))));
        }
        return new Network(chain.name(), placed);
    }

    /** A LeNet-5 without its Flatten layer and without positions (tests start from it). */
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
