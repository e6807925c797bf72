package netcanvas.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Row;
import netcanvas.graph.Node;
import netcanvas.graph.Shape;

/** What the canvas draws, computed from an analysis: the designed network, or the inside of one block. */
public final class CanvasModels {

    /** Boxes and edges of one (sub-)graph. */
    public record Graph(List<NodeModel> nodes, List<EdgeModel> edges) {
    }

    private CanvasModels() {
    }

    /** The designed network; a node never placed stands in a column at the left. */
    public static Graph network(Analysis a) {
        List<NodeModel> nodes = new ArrayList<>();
        List<EdgeModel> edges = new ArrayList<>();
        // Index rows and diagnostics once: looking each node up in lists would cost n^2 on a 1,000-node graph.
        Map<String, Row> rows = new HashMap<>();
        for (Row r : a.rows()) {
            rows.put(r.id(), r);
        }
        Map<String, List<Diagnostic>> problems = new HashMap<>();
        for (Diagnostic d : a.diagnostics()) {
            problems.computeIfAbsent(d.owner(), k -> new ArrayList<>()).add(d);
        }
        Map<String, Node> byId = a.network().byId();
        int unplaced = 0;
        for (Node n : a.network().nodes()) {
            double x = n.position() == null ? 0 : n.position().x();
            double y = n.position() == null ? (unplaced++) * (NodeView.HEIGHT + 40) : n.position().y();
            nodes.add(NodeModel.of(n.id(), n.spec(), rows.get(n.id()), problems.getOrDefault(n.id(), List.of()), x,
                    y));
            for (int i = 0; i < n.inputs().size(); i++) {
                String from = n.inputs().get(i);
                if (byId.containsKey(from)) {
                    edges.add(new EdgeModel(from, n.id(), i, n.inputs().size(), label(a.shapeOf(from))));
                }
            }
        }
        return new Graph(nodes, edges);
    }

    private static String label(Shape s) {
        return s == null ? "?" : s.toString();
    }

    /**
     * The inside of block {@code blockId}: its direct children, plus one "in" box per outside tensor that feeds it.
     * Edges come from the expanded layers' inputs, each mapped to the child (or outside input) that holds it.
     * Positions are left at 0 for the caller to lay out.
     */
    public static Graph block(Analysis a, String blockId) {
        Row block = a.row(blockId);
        if (block == null) {
            return new Graph(List.of(), List.of());
        }
        String owner = blockId.contains(".") ? blockId.substring(0, blockId.indexOf('.')) : blockId;
        Map<String, Row> children = new LinkedHashMap<>();
        for (Row r : block.children()) {
            children.put(r.id(), r);
        }
        Map<String, NodeModel> nodes = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<EdgeModel> edges = new ArrayList<>();
        Map<String, List<String>> inputsOf = new LinkedHashMap<>();
        for (LayerResult l : a.layers()) {
            String dst = childHolding(children, l.id());
            if (dst == null) {
                continue;
            }
            for (String in : l.inputs()) {
                String src = in == null ? null : childHolding(children, in);
                if (src == null && in != null) {
                    src = "in:" + in;
                    if (!nodes.containsKey(src)) {
                        nodes.put(src, new NodeModel(src, "input", "from outside", in, label(a.shapeOf(in)), "",
                                netcanvas.graph.Category.INPUT, List.of(), false, false, false, 0, 0));
                    }
                }
                if (src != null && !src.equals(dst) && seen.add(src + "->" + dst)) {
                    inputsOf.computeIfAbsent(dst, k -> new ArrayList<>()).add(src);
                }
            }
        }
        for (Row r : block.children()) {
            var diags = a.diagnosticsFor(owner).stream()
                    .filter(d -> d.node().equals(r.id()) || d.node().startsWith(r.id() + ".")).toList();
            nodes.put(r.id(), NodeModel.of(r.id(), r.id().substring(blockId.length() + 1), r.spec(), r, diags, 0,
                    0));
        }
        for (var e : inputsOf.entrySet()) {
            List<String> srcs = e.getValue();
            for (int i = 0; i < srcs.size(); i++) {
                String shapeOf = srcs.get(i).startsWith("in:") ? srcs.get(i).substring(3) : srcs.get(i);
                edges.add(new EdgeModel(srcs.get(i), e.getKey(), i, srcs.size(), label(a.shapeOf(shapeOf))));
            }
        }
        return new Graph(List.copyOf(nodes.values()), edges);
    }

    private static String childHolding(Map<String, Row> children, String id) {
        if (children.containsKey(id)) {
            return id;
        }
        int dot = id.lastIndexOf('.');
        while (dot > 0) {
            String prefix = id.substring(0, dot);
            if (children.containsKey(prefix)) {
                return prefix;
            }
            dot = prefix.lastIndexOf('.');
        }
        return null;
    }

    /** The same graph with positions from a layout. */
    public static Graph placed(Graph g, Map<String, double[]> at) {
        List<NodeModel> nodes = new ArrayList<>();
        for (NodeModel m : g.nodes()) {
            double[] p = at.getOrDefault(m.id(), new double[] {m.x(), m.y()});
            nodes.add(new NodeModel(m.id(), m.name(), m.title(), m.keyParams(), m.shape(), m.costs(), m.category(),
                    m.problems(), m.error(), m.composite(), m.inputs(), p[0], p[1]));
        }
        return new Graph(nodes, g.edges());
    }
}
