package netcanvas.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.Network;
import netcanvas.graph.Node;

/** Replaces the parameters of several nodes as one step (one parameter edited for every selected node of a kind). */
public record ChangeSpecs(String name, Map<String, LayerSpec> specs) implements Command {

    public ChangeSpecs {
        specs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    }

    @Override
    public Network apply(Network before) throws EditRefused {
        Network n = before;
        for (var e : specs.entrySet()) {
            Node node = n.node(e.getKey());
            if (node == null) {
                throw new EditRefused("no node named '" + e.getKey() + "'");
            }
            n = n.replace(node.withSpec(e.getValue()));
        }
        return n;
    }
}
