package netcanvas.commands;

import java.util.List;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Network;
import netcanvas.graph.Node;

/** Adds nodes (one from the palette, several from Paste or Duplicate). Their ids must be new. */
public record AddNodes(String name, List<Node> nodes) implements Command {

    public AddNodes {
        nodes = List.copyOf(nodes);
    }

    /** Adding one node, named after its kind ("Add Conv2d"). */
    public static AddNodes one(Node node) {
        return new AddNodes("Add " + LayerKinds.of(node.spec()).title(), List.of(node));
    }

    @Override
    public Network apply(Network before) throws EditRefused {
        Network n = before;
        for (Node added : nodes) {
            if (n.node(added.id()) != null) {
                throw new EditRefused("a node named '" + added.id() + "' already exists");
            }
            n = n.withNode(added);
        }
        return n;
    }
}
