package netcanvas.canvas.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts each edge's shape label beside its line, nearest the target it feeds, where it covers no box and no label
 * already placed, and preferably crosses no other edge's line. Labels are placed one after another in the edges'
 * order, so the result is the same for the same drawing.
 */
final class LabelPlacer {
    /** Gap between a line and its label. */
    private static final double GAP = 3;
    /** Distance between two tried positions along a line. */
    private static final double STEP = 6;
    /** Space kept around boxes and other labels. */
    private static final double MARGIN = 1.5;

    private LabelPlacer() {
    }

    /**
     * The routes with their labels placed. A label keeps its place from {@code before} when its line and size are
     * the same and the place is still clear (so labels do not jump about while a box is dragged elsewhere).
     */
    static Map<String, Route> place(Map<String, Rect> boxes, List<EdgeRequest> edges, Map<String, Route> routes,
            Map<String, Route> before) {
        SpatialIndex<String> obstacles = new SpatialIndex<>();
        boxes.forEach((id, r) -> obstacles.add(r.grown(MARGIN), id));
        Map<String, Route> kept = new LinkedHashMap<>();
        for (EdgeRequest e : edges) {
            Route old = before.get(e.key());
            Route r = routes.get(e.key());
            if (old != null && old.points().equals(r.points()) && old.labelWidth() == e.labelWidth()
                    && old.labelHeight() == e.labelHeight() && free(old.label(), obstacles)) {
                obstacles.add(old.label().grown(MARGIN), e.key());
                kept.put(e.key(), old);
            }
        }
        if (kept.size() == edges.size()) {
            return kept;
        }
        SpatialIndex<String> lines = new SpatialIndex<>();
        for (EdgeRequest e : edges) {
            Route r = routes.get(e.key());
            List<Double> p = r.points();
            for (int i = 0; i + 3 < p.size(); i += 2) {
                lines.add(Rect.ofSegment(p.get(i), p.get(i + 1), p.get(i + 2), p.get(i + 3)), e.key());
            }
        }
        Map<String, Route> out = new LinkedHashMap<>();
        for (EdgeRequest e : edges) {
            Route r = routes.get(e.key());
            if (kept.containsKey(e.key())) {
                out.put(e.key(), kept.get(e.key()));
                continue;
            }
            double[] at = choose(e, r.points(), obstacles, lines);
            obstacles.add(new Rect(at[0], at[1], e.labelWidth(), e.labelHeight()).grown(MARGIN), e.key());
            out.put(e.key(), r.withLabel(at[0], at[1], e.labelWidth(), e.labelHeight()));
        }
        return out;
    }

    private static double[] choose(EdgeRequest e, List<Double> p, SpatialIndex<String> obstacles,
            SpatialIndex<String> lines) {
        List<double[]> tried = candidates(e, p);
        for (double[] c : tried) {
            Rect r = new Rect(c[0], c[1], e.labelWidth(), e.labelHeight());
            if (free(r, obstacles) && !crossesOtherLine(r, e.key(), lines)) {
                return c;
            }
        }
        for (double[] c : tried) {
            if (free(new Rect(c[0], c[1], e.labelWidth(), e.labelHeight()), obstacles)) {
                return c;
            }
        }
        // Crowded all along its line: the nearest free place around where the line enters its target.
        double px = p.get(p.size() - 2);
        double py = p.get(p.size() - 1);
        for (double radius = STEP; radius < 2_000; radius += STEP) {
            for (double[] d : ring(radius)) {
                double x = px + d[0];
                double y = py + d[1] - e.labelHeight();
                if (free(new Rect(x, y, e.labelWidth(), e.labelHeight()), obstacles)) {
                    return new double[] {x, y};
                }
            }
        }
        return tried.get(0);
    }

    /** Offsets on a square ring of this radius, right side first. */
    private static List<double[]> ring(double radius) {
        List<double[]> out = new ArrayList<>();
        for (double t = -radius; t <= radius; t += STEP) {
            out.add(new double[] {radius, t});
            out.add(new double[] {-radius, t});
            out.add(new double[] {t, -radius});
            out.add(new double[] {t, radius});
        }
        return out;
    }

    /**
     * Top-left corners to try, walking the line backwards from the target: right of each vertical piece, then left
     * of it; above each horizontal piece, then below it.
     */
    private static List<double[]> candidates(EdgeRequest e, List<Double> p) {
        double w = e.labelWidth();
        double h = e.labelHeight();
        List<double[]> out = new ArrayList<>();
        for (int i = p.size() - 4; i >= 0; i -= 2) {
            double ax = p.get(i);
            double ay = p.get(i + 1);
            double bx = p.get(i + 2);
            double by = p.get(i + 3); // b is nearer the target
            if (ax == bx) {
                double lo = Math.min(ay, by);
                double hi = Math.max(ay, by);
                boolean downwards = by >= ay;
                for (double t = 0; t <= hi - lo; t += STEP) {
                    double y = downwards ? hi - h - t : lo + t;
                    out.add(new double[] {ax + GAP, clamp(y, lo - h / 2, hi - h / 2)});
                    out.add(new double[] {ax - GAP - w, clamp(y, lo - h / 2, hi - h / 2)});
                }
            } else {
                double lo = Math.min(ax, bx);
                double hi = Math.max(ax, bx);
                boolean rightwards = bx >= ax;
                for (double t = 0; t <= hi - lo; t += STEP) {
                    double x = rightwards ? hi - w - t : lo + t;
                    out.add(new double[] {clamp(x, lo - w / 2, hi - w / 2), ay - GAP - h});
                    out.add(new double[] {clamp(x, lo - w / 2, hi - w / 2), ay + GAP});
                }
            }
        }
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static boolean free(Rect r, SpatialIndex<String> obstacles) {
        for (int i : obstacles.near(r)) {
            if (obstacles.rect(i).overlaps(r)) {
                return false;
            }
        }
        return true;
    }

    private static boolean crossesOtherLine(Rect r, String own, SpatialIndex<String> lines) {
        for (int i : lines.near(r)) {
            Rect s = lines.rect(i);
            if (!lines.owner(i).equals(own) && r.crossedBy(s.x(), s.y(), s.maxX(), s.maxY())) {
                return true;
            }
        }
        return false;
    }
}
