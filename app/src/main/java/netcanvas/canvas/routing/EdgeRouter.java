package netcanvas.canvas.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes every edge of a drawing and places its label. For each edge the first of these that runs through no box
 * it does not join is drawn: ELK's route from the last auto-layout ({@link RouteMemory}), the plain three-piece line
 * (down, across, down), a path around the boxes ({@link OrthogonalRouter}).
 */
public final class EdgeRouter {
    private EdgeRouter() {
    }

    /** Where an edge leaves its source box: the middle of its bottom side. */
    public static double[] sourcePort(Rect box) {
        return new double[] {box.x() + box.w() / 2, box.maxY()};
    }

    /** Where an edge enters its target box: slot {@code slot} of {@code slots}, spread along its top side. */
    public static double[] targetPort(Rect box, int slot, int slots) {
        return new double[] {box.x() + box.w() * (slot + 1) / (slots + 1), box.y()};
    }

    /** Every edge routed afresh, with its label placed; edges whose boxes are missing are left out. */
    public static Map<String, Route> routeAll(Map<String, Rect> boxes, List<EdgeRequest> edges) {
        return reroute(boxes, edges, Map.of(), null);
    }

    /**
     * The drawing after the boxes {@code moved} moved: their edges, and any edge a moved box now covers, are routed
     * again; the others keep their lines. A label whose line and size are unchanged stays where it was while that is
     * still clear; the others are placed anew. With {@code moved} null every edge is routed again.
     */
    public static Map<String, Route> reroute(Map<String, Rect> boxes, List<EdgeRequest> edges,
            Map<String, Route> before, Set<String> moved) {
        SpatialIndex<String> index = new SpatialIndex<>();
        boxes.forEach((id, r) -> index.add(r, id));
        List<Rect> movedBoxes = new ArrayList<>();
        if (moved != null) {
            for (String id : moved) {
                if (boxes.containsKey(id)) {
                    movedBoxes.add(boxes.get(id));
                }
            }
        }
        Map<String, Route> lines = new LinkedHashMap<>();
        List<EdgeRequest> drawn = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EdgeRequest e : edges) {
            Rect a = boxes.get(e.from());
            Rect b = boxes.get(e.to());
            if (a == null || b == null || !seen.add(e.key())) {
                continue;
            }
            drawn.add(e);
            Route old = before.get(e.key());
            boolean keep = moved != null && old != null && !moved.contains(e.from()) && !moved.contains(e.to())
                    && endsAtPorts(old.points(), e, a, b) && !crossesAny(old.points(), movedBoxes);
            lines.put(e.key(), keep ? old : new Route(line(e, a, b, index), 0, 0, 0, 0));
        }
        return LabelPlacer.place(boxes, drawn, lines, before);
    }

    private static List<Double> line(EdgeRequest e, Rect a, Rect b, SpatialIndex<String> index) {
        List<Double> elk = RouteMemory.recall(e.from(), a, e.to(), b, e.slot(), e.slots());
        if (elk != null && clear(elk, e, index)) {
            return elk;
        }
        double[] s = sourcePort(a);
        double[] t = targetPort(b, e.slot(), e.slots());
        List<Double> plain = plain(s[0], s[1], t[0], t[1], a, b);
        if (clear(plain, e, index)) {
            return plain;
        }
        List<Double> around = OrthogonalRouter.route(s[0], s[1], t[0], t[1], index);
        return around != null ? around : plain;
    }

    /**
     * The plain line: straight down, across just below the source, down into the slot; an edge that goes back up
     * runs up through the gap between the two boxes' columns, or beside them when they overlap.
     */
    static List<Double> plain(double x1, double y1, double x2, double y2, Rect a, Rect b) {
        if (y2 >= y1 + 16) {
            double mid = y1 + Math.min(20, (y2 - y1) / 2);
            if (Math.abs(x1 - x2) < 0.5) {
                return List.of(x1, y1, x2, y2);
            }
            return List.of(x1, y1, x1, mid, x2, mid, x2, y2);
        }
        double side = b.x() >= a.maxX() ? (a.maxX() + b.x()) / 2
                : a.x() >= b.maxX() ? (b.maxX() + a.x()) / 2
                : Math.max(a.maxX(), b.maxX()) + 24;
        return List.of(x1, y1, x1, y1 + 12, side, y1 + 12, side, y2 - 12, x2, y2 - 12, x2, y2);
    }

    /** Whether the line passes through no box but its own two (touching a border is fine). */
    private static boolean clear(List<Double> p, EdgeRequest e, SpatialIndex<String> index) {
        for (int i = 0; i + 3 < p.size(); i += 2) {
            double ax = p.get(i), ay = p.get(i + 1), bx = p.get(i + 2), by = p.get(i + 3);
            for (int k : index.near(Rect.ofSegment(ax, ay, bx, by))) {
                String id = index.owner(k);
                if (!id.equals(e.from()) && !id.equals(e.to()) && index.rect(k).crossedBy(ax, ay, bx, by)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the line still starts at the source's port and ends in its slot (a new input moves the slots). */
    private static boolean endsAtPorts(List<Double> p, EdgeRequest e, Rect a, Rect b) {
        double[] s = sourcePort(a);
        double[] t = targetPort(b, e.slot(), e.slots());
        int n = p.size();
        return p.get(0) == s[0] && p.get(1) == s[1] && p.get(n - 2) == t[0] && p.get(n - 1) == t[1];
    }

    private static boolean crossesAny(List<Double> p, List<Rect> boxes) {
        for (Rect r : boxes) {
            for (int i = 0; i + 3 < p.size(); i += 2) {
                if (r.crossedBy(p.get(i), p.get(i + 1), p.get(i + 2), p.get(i + 3))) {
                    return true;
                }
            }
        }
        return false;
    }
}
