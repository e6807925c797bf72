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
import netcanvas.graph.Output;

/**
 * Adds a layer after another as one step, the way a layer is added from the palette with a node selected: the new
 * node sits one row below the anchor and takes its output; the layers that read the anchor read the new node
 * instead (an Output is appended, never spliced in); everything downstream moves down a row to make room.
 *
 * @param added the new node, without inputs, at the anchor's position (it is moved one row down here)
 * @param row   the height of one row (box and gap) in canvas units
 */
public record InsertAfter(String anchor, Node added, double row) implements Command {

    @Override
    public String name() {
        return "Insert " + LayerKinds.of(added.spec()).title() + " after " + anchor;
    }

    @Override
    public Network apply(Network before) throws EditRefused {
        Node from = before.node(anchor);
        if (from == null) {
            throw new EditRefused("no node named '" + anchor + "'");
        }
        if (before.node(added.id()) != null) {
            throw new EditRefused("a node named '" + added.id() + "' already exists");
        }
        boolean takesInput = Arity.max(added.spec()) > 0 && !(from.spec() instanceof Output);
        boolean splice = takesInput && !(added.spec() instanceof Output);
        Set<String> below = splice ? downstream(before, anchor) : Set.of();
        Network n = before.map(node -> {
            Node m = node;
            if (splice && m.inputs().contains(anchor)) {
                List<String> in = new ArrayList<>(m.inputs());
                in.replaceAll(id -> id.equals(anchor) ? added.id() : id);
                m = m.withInputs(in);
            }
            if (below.contains(m.id()) && m.position() != null) {
                m = m.withPosition(new Node.Position(m.position().x(), m.position().y() + row));
            }
            return m;
        });
        Node.Position at = from.position() == null ? null
                : new Node.Position(from.position().x(), from.position().y() + row);
        return n.withNode(new Node(added.id(), added.spec(), takesInput ? List.of(anchor) : List.of(), at));
    }

    /** Every node fed, directly or not, by this one (not the node itself). */
    private static Set<String> downstream(Network network, String id) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            String current = todo.pop();
            for (Node n : network.nodes()) {
                if (n.inputs().contains(current) && seen.add(n.id())) {
                    todo.add(n.id());
                }
            }
        }
        return seen;
    }
}
