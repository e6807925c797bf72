package netcanvas.commands;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Network;
import netcanvas.graph.Node;

/** Feeds the output of one node into another, as that node's next input. */
public record Connect(String from, String to) implements Command {

    @Override
    public String name() {
        return "Connect " + from + " to " + to;
    }

    @Override
    public Network apply(Network before) throws EditRefused {
        check(before, from, to);
        Node target = before.node(to);
        List<String> inputs = new ArrayList<>(target.inputs());
        inputs.add(from);
        return before.replace(target.withInputs(inputs));
    }

    /**
     * Refuses connections the graph cannot hold: unknown nodes, a self-loop, a duplicate edge, a cycle, or more
     * inputs than the target layer takes. Used while dragging too, to colour the target port before the drop.
     */
    public static void check(Network network, String from, String to) throws EditRefused {
        Node source = network.node(from);
        Node target = network.node(to);
        if (source == null || target == null) {
            throw new EditRefused("no node named '" + (source == null ? from : to) + "'");
        }
        if (from.equals(to)) {
            throw new EditRefused("a layer cannot feed itself");
        }
        if (target.inputs().contains(from)) {
            throw new EditRefused("'" + from + "' already feeds '" + to + "'");
        }
        int max = Arity.max(target.spec());
        if (max == 0) {
            throw new EditRefused("an " + LayerKinds.of(target.spec()).title() + " takes no inputs");
        }
        if (reaches(network, to, from)) {
            throw new EditRefused("connecting '" + from + "' to '" + to + "' would make a cycle: '" + to
                    + "' already feeds '" + from + "'");
        }
        if (target.inputs().size() >= max) {
            String title = LayerKinds.of(target.spec()).title();
            throw new EditRefused("'" + to + "' (" + title + ") takes " + (max == 1 ? "one input" : max + " inputs")
                            + " and already has " + (max == 1 ? "'" + target.inputs().get(0) + "'" : "them")
                            + ": remove that edge first, or join branches with Add or Concat");
        }
    }

    /** Whether data flows from {@code upstream} to {@code node}, following input edges backwards from node. */
    static boolean reaches(Network network, String upstream, String node) {
        Deque<String> todo = new ArrayDeque<>(List.of(node));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(upstream)) {
                return true;
            }
            Node n = network.node(id);
            if (n != null && seen.add(id)) {
                todo.addAll(n.inputs());
            }
        }
        return false;
    }
}
