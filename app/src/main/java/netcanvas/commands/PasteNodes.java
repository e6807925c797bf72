package netcanvas.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Node.Position;

/**
 * Builds the nodes a Paste or Duplicate adds: copies get fresh ids, edges among the copies follow the copies, edges
 * from outside the copied set are dropped (so a paste never silently feeds from some other part of the graph), and
 * positions shift so the copies do not hide the originals.
 */
public final class PasteNodes {
    private PasteNodes() {
    }

    public static AddNodes of(String name, Network into, List<Node> copied, double dx, double dy) {
        Map<String, String> rename = new HashMap<>();
        Network scratch = into;
        for (Node n : copied) {
            // A copy of "fc1_2" is "fc1_3", not "fc1_2_2".
            String id = scratch.freshId(n.id().replaceFirst("_\\d+$", ""));
            rename.put(n.id(), id);
            scratch = scratch.withNode(new Node(id, n.spec(), List.of()));
        }
        List<Node> out = new ArrayList<>();
        for (Node n : copied) {
            List<String> inputs = new ArrayList<>();
            for (String in : n.inputs()) {
                if (rename.containsKey(in)) {
                    inputs.add(rename.get(in));
                }
            }
            Position p = n.position() == null ? new Position(0, 0) : n.position();
            out.add(new Node(rename.get(n.id()), n.spec(), inputs, new Position(p.x() + dx, p.y() + dy)));
        }
        return new AddNodes(name, out);
    }
}
