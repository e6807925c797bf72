package netcanvas.commands;

import java.util.ArrayList;
import java.util.List;
import netcanvas.graph.Network;
import netcanvas.graph.Node;

/** Gives a node a new id, and follows it in every edge that reads from the node. */
public record RenameNode(String from, String to) implements Command {

    @Override
    public String name() {
        return "Rename " + from + " to " + to;
    }

    @Override
    public Network apply(Network before) throws EditRefused {
        check(before, from, to);
        return before.map(n -> {
            Node m = n.id().equals(from) ? new Node(to, n.spec(), n.inputs(), n.position()) : n;
            if (!m.inputs().contains(from)) {
                return m;
            }
            List<String> in = new ArrayList<>();
            for (String i : m.inputs()) {
                in.add(i.equals(from) ? to : i);
            }
            return m.withInputs(in);
        });
    }

    /** Refuses ids that are empty, contain spaces or dots (dots name layers inside blocks), or are taken. */
    public static void check(Network network, String from, String to) throws EditRefused {
        if (network.node(from) == null) {
            throw new EditRefused("no node named '" + from + "'");
        }
        if (to.isEmpty() || !to.matches("[A-Za-z0-9_\\-]+")) {
            throw new EditRefused("an id uses letters, digits, '_' and '-' only (dots are kept for layers inside "
                    + "blocks, such as layer1.0.conv1)");
        }
        if (!to.equals(from) && network.node(to) != null) {
            throw new EditRefused("'" + to + "' is already the id of another node");
        }
    }
}
