package netcanvas.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An immutable network design: a name and its nodes in file order. Edges are the nodes' input lists. Nothing here
 * checks the graph; {@code netcanvas.analysis.Analyzer} reports every problem without throwing.
 */
public record Network(String name, List<Node> nodes) {

    public Network {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
    }

    /** The node with this id, or null. */
    public Node node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }

    public Map<String, Node> byId() {
        Map<String, Node> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.putIfAbsent(n.id(), n);
        }
        return m;
    }

    public Network withName(String n) {
        return new Network(n, nodes);
    }

    public Network withNode(Node added) {
        List<Node> list = new ArrayList<>(nodes);
        list.add(added);
        return new Network(name, list);
    }

    /** Replaces the node with the same id. */
    public Network replace(Node changed) {
        return map(n -> n.id().equals(changed.id()) ? changed : n);
    }

    public Network map(UnaryOperator<Node> f) {
        List<Node> list = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            list.add(f.apply(n));
        }
        return new Network(name, list);
    }

    /** Removes the node and every reference to it from other nodes' inputs. */
    public Network without(String id) {
        List<Node> list = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.id().equals(id)) {
                if (n.inputs().contains(id)) {
                    List<String> in = new ArrayList<>(n.inputs());
                    in.removeIf(id::equals);
                    n = n.withInputs(in);
                }
                list.add(n);
            }
        }
        return new Network(name, list);
    }

    /** A fresh id "base", "base_2", "base_3" ... not used by any node. */
    public String freshId(String base) {
        if (node(base) == null) {
            return base;
        }
        for (int i = 2; ; i++) {
            String id = base + "_" + i;
            if (node(id) == null) {
                return id;
            }
        }
    }
}
