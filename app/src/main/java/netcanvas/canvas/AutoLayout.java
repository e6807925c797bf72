package netcanvas.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.canvas.routing.RouteMemory;
import netcanvas.commands.MoveNodes;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Node.Position;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.WrappingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places boxes with ELK's layered algorithm: data flows top to bottom, edges are routed orthogonally between ports
 * where the canvas draws them, and the routes are kept for the canvas to draw ({@link RouteMemory}).
 */
public final class AutoLayout {
    static {
        // Outside Eclipse the registry of layout algorithms starts empty: register ELK Layered once.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private AutoLayout() {
    }

    /** Top-left corners for boxes {@code ids} joined by {@code edges} (pairs of from, to). */
    public static Map<String, double[]> positions(List<String> ids, List<String[]> edges) {
        return positions(ids, edges, 0);
    }

    /**
     * Top-left corners for boxes {@code ids} joined by {@code edges} (pairs of from, to; a target's edges in the
     * order of its inputs). With {@code aspect} above 0 any graph may wrap into side-by-side parts so that the drawing
     * is about that much wider than tall (a view fitted to a window); with 0 only long chains wrap.
     * ELK's route for each edge is kept in {@link RouteMemory} for the canvas to draw.
     */
    public static Map<String, double[]> positions(List<String> ids, List<String[]> edges, double aspect) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 36.0);
        // Room between layers for the shape label each edge carries, and between parallel lines for theirs.
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 44.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 16.0);
        if (aspect > 0 || isChain(ids, edges)) {
            // A long chain (VGG, ResNet's stages) wraps into side-by-side columns instead of one tall column;
            // graphs with branches stay in one piece, where wrapping would tangle their edges, unless the view
            // asks for a shape (a dense block's 40 boxes in one column are unreadable when fitted).
            root.setProperty(LayeredOptions.WRAPPING_STRATEGY, WrappingStrategy.MULTI_EDGE);
            root.setProperty(CoreOptions.ASPECT_RATIO, aspect > 0 ? aspect : 1.6);
        }
        Map<String, Integer> slots = new HashMap<>();
        for (String[] e : edges) {
            slots.merge(e[1], 1, Integer::sum);
        }
        Map<String, ElkNode> boxes = new LinkedHashMap<>();
        Map<String, ElkPort> outPorts = new HashMap<>();
        Map<String, List<ElkPort>> inPorts = new HashMap<>();
        for (String id : ids) {
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setDimensions(NodeView.WIDTH, NodeView.HEIGHT);
            // Ports where the canvas draws them: one output at the bottom middle, the inputs spread along the top.
            n.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
            outPorts.put(id, port(n, NodeView.WIDTH / 2, NodeView.HEIGHT, PortSide.SOUTH));
            int k = slots.getOrDefault(id, 0);
            List<ElkPort> ins = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                ins.add(port(n, NodeView.WIDTH * (s + 1) / (k + 1), 0, PortSide.NORTH));
            }
            inPorts.put(id, ins);
            boxes.put(id, n);
        }
        Map<String, Integer> nextSlot = new HashMap<>();
        List<Object[]> routed = new ArrayList<>();
        for (String[] e : edges) {
            int slot = nextSlot.merge(e[1], 1, Integer::sum) - 1;
            ElkNode a = boxes.get(e[0]);
            ElkNode b = boxes.get(e[1]);
            if (a != null && b != null && a != b) {
                ElkEdge edge = ElkGraphUtil.createSimpleEdge(outPorts.get(e[0]), inPorts.get(e[1]).get(slot));
                routed.add(new Object[] {e, slot, edge});
            }
        }
        layoutWithRoomToRecurse(root);
        Map<String, double[]> out = new HashMap<>();
        boxes.forEach((id, n) -> out.put(id, new double[] {Math.round(n.getX()), Math.round(n.getY())}));
        for (Object[] r : routed) {
            String[] e = (String[]) r[0];
            int slot = (int) r[1];
            List<Double> points = sectionPoints((ElkEdge) r[2]);
            if (points != null) {
                double[] a = out.get(e[0]);
                double[] b = out.get(e[1]);
                int k = slots.get(e[1]);
                snapEnds(points, a[0] + NodeView.WIDTH / 2, a[1] + NodeView.HEIGHT,
                        b[0] + NodeView.WIDTH * (slot + 1) / (k + 1), b[1]);
                RouteMemory.remember(e[0], a[0], a[1], e[1], b[0], b[1], slot, k, points);
            }
        }
        return out;
    }

    private static ElkPort port(ElkNode n, double x, double y, PortSide side) {
        ElkPort p = ElkGraphUtil.createPort(n);
        p.setDimensions(0, 0);
        p.setLocation(x, y);
        p.setProperty(CoreOptions.PORT_SIDE, side);
        return p;
    }

    /** ELK's route as x, y pairs (its one section: start, bends, end), or null when it has none. */
    private static List<Double> sectionPoints(ElkEdge edge) {
        if (edge.getSections().size() != 1) {
            return null;
        }
        ElkEdgeSection s = edge.getSections().get(0);
        List<Double> p = new ArrayList<>();
        p.add(s.getStartX());
        p.add(s.getStartY());
        for (ElkBendPoint b : s.getBendPoints()) {
            p.add(b.getX());
            p.add(b.getY());
        }
        p.add(s.getEndX());
        p.add(s.getEndY());
        return p;
    }

    /**
     * Moves the route's two ends onto the ports of the boxes as rounded, together with the point next to each, so
     * that the first and last pieces stay straight (rounding moves a box by up to half a pixel).
     */
    static void snapEnds(List<Double> p, double sx, double sy, double tx, double ty) {
        int n = p.size();
        if (n >= 4 && p.get(2).equals(p.get(0))) {
            p.set(2, sx);
        }
        if (n >= 4 && p.get(3).equals(p.get(1))) {
            p.set(3, sy);
        }
        p.set(0, sx);
        p.set(1, sy);
        if (n >= 4 && p.get(n - 4).equals(p.get(n - 2))) {
            p.set(n - 4, tx);
        }
        if (n >= 4 && p.get(n - 3).equals(p.get(n - 1))) {
            p.set(n - 3, ty);
        }
        p.set(n - 2, tx);
        p.set(n - 1, ty);
    }

    /**
     * ELK's layered algorithm recurses along paths of the graph (a chain of 5,000 boxes overflowed the default
     * stack), so it runs on a thread of its own with a stack big enough for any network NetCanvas reads (the stack is
     * reserved address space; only what the recursion reaches is used).
     */
    private static void layoutWithRoomToRecurse(ElkNode root) {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "auto-layout", LAYOUT_STACK_BYTES);
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while laying out", e);
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
    }

    /** The layout thread's stack: 1 GiB of address space. */
    private static final long LAYOUT_STACK_BYTES = 1L << 30;

    /** Whether no box has more than one input or more than one consumer. */
    static boolean isChain(List<String> ids, List<String[]> edges) {
        Map<String, Integer> in = new HashMap<>();
        Map<String, Integer> out = new HashMap<>();
        for (String[] e : edges) {
            if (out.merge(e[0], 1, Integer::sum) > 1 || in.merge(e[1], 1, Integer::sum) > 1) {
                return false;
            }
        }
        return true;
    }

    /** The command that lays out a whole network. */
    public static MoveNodes command(Network network) {
        List<String> ids = network.nodes().stream().map(Node::id).toList();
        List<String[]> edges = new java.util.ArrayList<>();
        for (Node n : network.nodes()) {
            for (String in : n.inputs()) {
                edges.add(new String[] {in, n.id()});
            }
        }
        Map<String, Position> moved = new HashMap<>();
        positions(ids, edges).forEach((id, p) -> moved.put(id, new Position(p[0], p[1])));
        return new MoveNodes("Auto-layout", moved);
    }

    /** The network as given when every node has a position, else laid out (presets, hand-written files). */
    public static Network placeIfNeeded(Network n) {
        boolean unplaced = n.nodes().stream().anyMatch(node -> node.position() == null);
        return unplaced ? apply(n) : n;
    }

    /** The network with every node placed (for opening presets and files saved without positions). */
    public static Network apply(Network network) {
        return command(network).apply(network);
    }
}
