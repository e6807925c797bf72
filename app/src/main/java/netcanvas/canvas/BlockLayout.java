package netcanvas.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analysis;

/**
 * How a block's inside is laid out for a view of a given size: the main window's block view and the Compare
 * window's two graphs both draw a block this way, so a dense block reads the same in each.
 */
public final class BlockLayout {
    /** The zoom a block's inside should be readable at when fitted to the view (boxes' texts stay legible). */
    static final double READABLE = 0.6;

    /** Shapes tried for a wrapped layout, as shares of the view's width per height (ELK draws wider than asked). */
    private static final double[] SHAPES = {1, 0.6};

    private BlockLayout() {
    }

    /**
     * The inside of block {@code blockId}, placed for a view {@code width} x {@code height} pixels large (a size of 0
     * or less places it top to bottom, unwrapped).
     */
    public static CanvasModels.Graph inside(Analysis a, String blockId, double width, double height) {
        CanvasModels.Graph g = CanvasModels.block(a, blockId);
        List<String> ids = g.nodes().stream().map(NodeModel::id).toList();
        List<String[]> edges = g.edges().stream().map(e -> new String[] {e.from(), e.to()}).toList();
        Map<String, double[]> at = ids.isEmpty() ? new HashMap<>() : positions(ids, edges, width, height);
        return CanvasModels.placed(g, at);
    }

    /**
     * The network itself, placed for a view {@code width} x {@code height} pixels large: where it stands (the design's
     * own positions) when that reads once fitted, else wrapped into the view's shape as a block's inside is (the
     * Compare window's graphs at 1280x720 showed resnet50's three columns at 35 %, too small to read).
     */
    public static CanvasModels.Graph network(Analysis a, double width, double height) {
        CanvasModels.Graph g = CanvasModels.network(a);
        if (g.nodes().isEmpty() || width <= 0 || height <= 0) {
            return g;
        }
        List<String> ids = g.nodes().stream().map(NodeModel::id).toList();
        List<String[]> edges = g.edges().stream().map(e -> new String[] {e.from(), e.to()}).toList();
        Map<String, double[]> own = new HashMap<>();
        for (NodeModel m : g.nodes()) {
            own.put(m.id(), new double[] {m.x(), m.y()});
        }
        return CanvasModels.placed(g, positions(ids, edges, width, height, own));
    }

    /**
     * Lays a block's inside out top to bottom; when that is too tall (or wide) to read once fitted to the view (a
     * dense block is one column of 43 boxes), lays it out again wrapped into side-by-side parts, and keeps whichever
     * fits largest. ELK's wrapped drawing comes out wider than asked (the dense connections need room between the
     * parts), so a squarer shape than the view's is tried too.
     */
    static Map<String, double[]> positions(List<String> ids, List<String[]> edges, double w, double h) {
        return positions(ids, edges, w, h, AutoLayout.positions(ids, edges));
    }

    /** As above, starting from the layout {@code first} and keeping it unless a wrapped one fits larger. */
    private static Map<String, double[]> positions(List<String> ids, List<String[]> edges, double w, double h,
            Map<String, double[]> first) {
        Map<String, double[]> best = first;
        if (w <= 0 || h <= 0) {
            return best;
        }
        double zoom = CanvasView.fittedZoom(best.values(), w, h);
        for (double shape : SHAPES) {
            if (zoom >= READABLE) {
                break;
            }
            Map<String, double[]> wrapped = AutoLayout.positions(ids, edges, shape * w / h);
            double z = CanvasView.fittedZoom(wrapped.values(), w, h);
            if (z > zoom) {
                best = wrapped;
                zoom = z;
            }
        }
        return best;
    }
}
