package netcanvas.canvas;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/** Places boxes with ELK's layered algorithm: data flows top to bottom, edges are routed orthogonally. */
public final class AutoLayout {
    static {
        // Outside Eclipse the registry of layout algorithms starts empty: register ELK Layered once.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private AutoLayout() {
    }

    /** Top-left corners for boxes {@code ids} joined by {@code edges} (pairs of from, to). */
    public static Map<String, double[]> positions(List<String> ids, List<String[]> edges) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 36.0);
        // Room between layers for the shape label each edge carries.
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 44.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
        if (isChain(ids, edges)) {
            // A long chain (VGG, ResNet's stages) wraps into side-by-side columns instead of one tall column;
            // graphs with branches stay in one piece, where wrapping would tangle their edges.
            root.setProperty(LayeredOptions.WRAPPING_STRATEGY, WrappingStrategy.MULTI_EDGE);
            root.setProperty(CoreOptions.ASPECT_RATIO, 1.6);
        }
        Map<String, ElkNode> boxes = new LinkedHashMap<>();
        for (String id : ids) {
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setDimensions(NodeView.WIDTH, NodeView.HEIGHT);
            boxes.put(id, n);
        }
        for (String[] e : edges) {
            ElkNode a = boxes.get(e[0]);
            ElkNode b = boxes.get(e[1]);
            if (a != null && b != null && a != b) {
                ElkGraphUtil.createSimpleEdge(a, b);
            }
        }
        layoutWithRoomToRecurse(root);
        Map<String, double[]> out = new HashMap<>();
        boxes.forEach((id, n) -> out.put(id, new double[] {Math.round(n.getX()), Math.round(n.getY())}));
        return out;
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
