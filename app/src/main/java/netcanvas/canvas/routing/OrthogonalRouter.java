package netcanvas.canvas.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Finds an orthogonal path around boxes: a shortest path, with a price on every bend, over the lines that run along
 * the boxes' sides (kept {@link #CLEARANCE} away) and through the middle of the gaps between them. Every box is an
 * obstacle, the edge's own two included: the path leaves the source by a short stub straight down from its port and
 * enters the target by one straight down into its slot.
 */
final class OrthogonalRouter {
    /** How far a routed line keeps from a box's side. */
    static final double CLEARANCE = 10;
    /** The straight piece below the source port and above the target slot. */
    static final double STUB = 14;
    /** What one bend costs, in pixels of length: fewer bends read better than a slightly shorter line. */
    private static final double BEND = 40;
    /** How much room around the two ends the first search considers before it tries the whole graph. */
    private static final double WINDOW = 320;
    /** The most grid points one search may visit (about 300 boxes around the two ends): it stays within a frame. */
    private static final long MAX_POINTS = 1_500_000;

    private OrthogonalRouter() {
    }

    /**
     * The points of a path from port (sx, sy) to port (tx, ty) that crosses no box of {@code boxes} (grown by the
     * clearance), or null when there is none.
     */
    static List<Double> route(double sx, double sy, double tx, double ty, SpatialIndex<String> boxes) {
        Rect around = Rect.ofSegment(Math.min(sx, tx), Math.min(sy, ty), Math.max(sx, tx), Math.max(sy, ty))
                .grown(WINDOW);
        List<Double> found = search(sx, sy, tx, ty, obstacles(boxes, around), around);
        if (found == null) {
            Rect all = around.grown(WINDOW * 8);
            found = search(sx, sy, tx, ty, obstacles(boxes, all), all);
        }
        return found;
    }

    private static List<Rect> obstacles(SpatialIndex<String> boxes, Rect area) {
        List<Rect> out = new ArrayList<>();
        for (int i : boxes.near(area)) {
            Rect r = boxes.rect(i).grown(CLEARANCE);
            if (r.overlaps(area)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Double> search(double sx, double sy, double tx, double ty, List<Rect> obstacles,
            Rect area) {
        double startY = sy + STUB;
        double endY = ty - STUB;
        TreeSet<Double> xSet = new TreeSet<>(List.of(sx, tx, area.x(), area.maxX()));
        TreeSet<Double> ySet = new TreeSet<>(List.of(startY, endY, area.y(), area.maxY()));
        for (Rect r : obstacles) {
            xSet.add(r.x());
            xSet.add(r.maxX());
            ySet.add(r.y());
            ySet.add(r.maxY());
        }
        double[] xs = withMiddles(xSet);
        double[] ys = withMiddles(ySet);
        int nx = xs.length;
        int ny = ys.length;
        if ((long) nx * ny > MAX_POINTS) {
            return null; // a search over most of a huge graph: the caller draws the plain line instead
        }
        // blocked points and blocked unit steps (a step is blocked when its middle lies inside a grown box)
        boolean[] point = new boolean[nx * ny];
        boolean[] right = new boolean[nx * ny];
        boolean[] down = new boolean[nx * ny];
        for (Rect r : obstacles) {
            int i0 = Arrays.binarySearch(xs, r.x());
            int i1 = Arrays.binarySearch(xs, r.maxX());
            int j0 = Arrays.binarySearch(ys, r.y());
            int j1 = Arrays.binarySearch(ys, r.maxY());
            for (int i = Math.max(i0, 0); i <= i1; i++) {
                for (int j = Math.max(j0, 0); j <= j1; j++) {
                    boolean insideX = i > i0 && i < i1;
                    boolean insideY = j > j0 && j < j1;
                    if (insideX && insideY) {
                        point[i * ny + j] = true;
                    }
                    if (i < i1 && insideY) {
                        right[i * ny + j] = true;
                    }
                    if (j < j1 && insideX) {
                        down[i * ny + j] = true;
                    }
                }
            }
        }
        int start = Arrays.binarySearch(xs, sx) * ny + Arrays.binarySearch(ys, startY);
        int goal = Arrays.binarySearch(xs, tx) * ny + Arrays.binarySearch(ys, endY);
        // the two stub ends are always usable, even where boxes stand closer than the clearance
        point[start] = false;
        point[goal] = false;
        int[] di = {0, 1, 0, -1};
        int[] dj = {1, 0, -1, 0}; // 0 down, 1 right, 2 up, 3 left
        double[] best = new double[nx * ny * 4];
        int[] from = new int[nx * ny * 4];
        Arrays.fill(best, Double.MAX_VALUE);
        PriorityQueue<double[]> open = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        best[start * 4] = 0; // arriving at the start going down (out of the stub)
        from[start * 4] = -1;
        open.add(new double[] {Math.abs(sx - tx) + Math.abs(startY - endY), start * 4});
        int reached = -1;
        while (!open.isEmpty()) {
            double[] top = open.poll();
            int state = (int) top[1];
            int p = state / 4;
            int dir = state % 4;
            double g = best[state];
            if (top[0] > g + Math.abs(xs[p / ny] - tx) + Math.abs(ys[p % ny] - endY) + 1e-6) {
                continue; // a stale queue entry
            }
            if (p == goal) {
                reached = state;
                break;
            }
            int i = p / ny;
            int j = p % ny;
            for (int d = 0; d < 4; d++) {
                if (d == (dir + 2) % 4) {
                    continue; // never straight back
                }
                int ni = i + di[d];
                int nj = j + dj[d];
                if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) {
                    continue;
                }
                int q = ni * ny + nj;
                boolean stepBlocked = switch (d) {
                    case 0 -> down[p];
                    case 1 -> right[p];
                    case 2 -> down[q];
                    default -> right[q];
                };
                if (stepBlocked || point[q]) {
                    continue;
                }
                double cost = g + Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]) + (d == dir ? 0 : BEND);
                if (q == goal && d != 0) {
                    cost += BEND; // the line turns down into the slot
                }
                int next = q * 4 + d;
                if (cost < best[next]) {
                    best[next] = cost;
                    from[next] = state;
                    open.add(new double[] {cost + Math.abs(xs[ni] - tx) + Math.abs(ys[nj] - endY), next});
                }
            }
        }
        if (reached < 0) {
            return null;
        }
        List<double[]> path = new ArrayList<>();
        for (int s = reached; s >= 0; s = from[s]) {
            path.add(0, new double[] {xs[s / 4 / ny], ys[s / 4 % ny]});
        }
        path.add(0, new double[] {sx, sy});
        path.add(new double[] {tx, ty});
        return corners(path);
    }

    /** The sorted coordinates with the middle of every gap between neighbours added (lines through the gaps). */
    private static double[] withMiddles(TreeSet<Double> set) {
        Double[] v = set.toArray(new Double[0]);
        double[] out = new double[v.length * 2 - 1];
        for (int i = 0; i < v.length; i++) {
            out[2 * i] = v[i];
            if (i + 1 < v.length) {
                out[2 * i + 1] = (v[i] + v[i + 1]) / 2;
            }
        }
        return out;
    }

    /** The path as x, y pairs, keeping only its ends and the points where it turns. */
    static List<Double> corners(List<double[]> path) {
        List<double[]> kept = new ArrayList<>();
        for (double[] p : path) {
            if (!kept.isEmpty() && kept.get(kept.size() - 1)[0] == p[0] && kept.get(kept.size() - 1)[1] == p[1]) {
                continue;
            }
            if (kept.size() >= 2) {
                double[] a = kept.get(kept.size() - 2);
                double[] b = kept.get(kept.size() - 1);
                if ((a[0] == b[0] && b[0] == p[0]) || (a[1] == b[1] && b[1] == p[1])) {
                    kept.remove(kept.size() - 1);
                }
            }
            kept.add(p);
        }
        List<Double> out = new ArrayList<>();
        for (double[] p : kept) {
            out.add(p[0]);
            out.add(p[1]);
        }
        return out;
    }
}
