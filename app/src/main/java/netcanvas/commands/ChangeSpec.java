package netcanvas.commands;

import netcanvas.graph.LayerSpec;
import netcanvas.graph.Network;
import netcanvas.graph.Node;

/** Replaces a node's parameters (an inspector edit); a block's inside follows, since blocks expand on analysis. */
public record ChangeSpec(String id, LayerSpec spec) implements Command {

    @Override
    public String name() {
        return "Edit " + id;
    }

    @Override
    public Network apply(Network before) throws EditRefused {
        Node n = before.node(id);
        if (n == null) {
            throw new EditRefused("no node named '" + id + "'");
        }
        return before.replace(n.withSpec(spec));
    }
}
