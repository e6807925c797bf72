package netcanvas.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Hw;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Stage;

/**
 * Keeps the meaning of files written in an earlier format version. Version 1 stages repeated a strided convolution
 * or pool with its stride in every copy; version 2 strides in the first copy only. Such a stage becomes its copies,
 * chained as top-level nodes with the ids its expansion had ("s.0", "s.1", ...), and whatever read the stage reads the
 * last copy: the same layers, ids and numbers as before.
 */
final class FormatMigration {
    private FormatMigration() {
    }

    static Network fromVersion1(Network net) {
        Map<String, String> renamed = new HashMap<>();
        List<Node> out = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (n.spec() instanceof Stage s && s.repeat() > 1 && stridedPrimitive(s.block())) {
                String from = n.inputs().isEmpty() ? null : n.inputs().get(0);
                for (int i = 0; i < s.repeat(); i++) {
                    String id = n.id() + "." + i;
                    out.add(new Node(id, s.block(), from == null ? List.of() : List.of(from),
                            i == 0 ? n.position() : null));
                    from = id;
                }
                renamed.put(n.id(), from);
            } else {
                out.add(n);
            }
        }
        if (renamed.isEmpty()) {
            return net;
        }
        List<Node> rewired = new ArrayList<>();
        for (Node n : out) {
            List<String> in = new ArrayList<>();
            for (String i : n.inputs()) {
                in.add(renamed.getOrDefault(i, i));
            }
            rewired.add(n.withInputs(in));
        }
        return new Network(net.name(), rewired);
    }

    private static boolean stridedPrimitive(LayerSpec spec) {
        Hw stride = spec instanceof Conv2d c ? c.stride() : spec instanceof MaxPool2d m ? m.stride()
                : spec instanceof AvgPool2d a ? a.stride() : null;
        return stride != null && (stride.h() != 1 || stride.w() != 1);
    }
}
