package netcanvas.graph;

import java.util.List;
import java.util.Objects;

/**
 * One node of the network: a stable id, its layer, the ids of its inputs in order (order matters for Concat and
 * Scale), and where the canvas last placed it (null when never placed).
 */
public record Node(String id, LayerSpec spec, List<String> inputs, Position position) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        inputs = List.copyOf(inputs);
    }

    public Node(String id, LayerSpec spec, List<String> inputs) {
        this(id, spec, inputs, null);
    }

    public Node withSpec(LayerSpec s) {
        return new Node(id, s, inputs, position);
    }

    public Node withInputs(List<String> in) {
        return new Node(id, spec, in, position);
    }

    public Node withPosition(Position p) {
        return new Node(id, spec, inputs, p);
    }

    /** Canvas coordinates of a node's top-left corner. */
    public record Position(double x, double y) {
    }
}
