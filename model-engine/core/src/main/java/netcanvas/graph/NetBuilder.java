package netcanvas.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a network in code, chaining each layer to the previous one unless inputs are named:
 * {@code new NetBuilder("lenet5").input(1, 32, 32).then("c1", Conv2d.of(6, 5, 1, 0, true)).then("relu1", new ReLU())}.
 */
public final class NetBuilder {
    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private String last;

    public NetBuilder(String name) {
        this.name = name;
    }

    public NetBuilder input(int channels, int height, int width) {
        return add("input", new Input(channels, height, width));
    }

    /** Adds a layer fed by the given ids (none for an Input). */
    public NetBuilder add(String id, LayerSpec spec, String... inputs) {
        nodes.add(new Node(id, spec, Arrays.asList(inputs)));
        last = id;
        return this;
    }

    /** Adds a layer fed by the previous one. */
    public NetBuilder then(String id, LayerSpec spec) {
        return last == null ? add(id, spec) : add(id, spec, last);
    }

    /** The id of the most recently added layer. */
    public String last() {
        return last;
    }

    public Network build() {
        return new Network(name, nodes);
    }
}
