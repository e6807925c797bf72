package netcanvas.canvas.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rectangles filed by the grid cells they cover, so that "what is near here" looks at a few cells instead of every
 * box and label of a 1,000-node graph.
 *
 * @param <T> what each rectangle stands for
 */
final class SpatialIndex<T> {
    private static final double CELL = 128;
    private final Map<Long, List<Integer>> cells = new HashMap<>();
    private final List<Rect> rects = new ArrayList<>();
    private final List<T> owners = new ArrayList<>();
    /** For each rectangle, the last query that reported it. */
    private int[] seen = new int[0];
    private int visit;

    void add(Rect r, T owner) {
        int index = rects.size();
        if (index == seen.length) {
            seen = java.util.Arrays.copyOf(seen, Math.max(64, index * 2));
        }
        rects.add(r);
        owners.add(owner);
        forCells(r, key -> cells.computeIfAbsent(key, k -> new ArrayList<>()).add(index));
    }

    /** The indices of rectangles whose cells meet {@code r}'s (a superset of those that overlap it). */
    List<Integer> near(Rect r) {
        List<Integer> found = new ArrayList<>();
        int stamp = ++visit;
        forCells(r, key -> {
            List<Integer> in = cells.get(key);
            if (in != null) {
                for (int i : in) {
                    // a rectangle filed in several cells is reported once
                    if (seen[i] != stamp) {
                        seen[i] = stamp;
                        found.add(i);
                    }
                }
            }
        });
        return found;
    }

    Rect rect(int i) {
        return rects.get(i);
    }

    T owner(int i) {
        return owners.get(i);
    }

    private static void forCells(Rect r, java.util.function.LongConsumer visit) {
        long x0 = (long) Math.floor(r.x() / CELL);
        long x1 = (long) Math.floor(r.maxX() / CELL);
        long y0 = (long) Math.floor(r.y() / CELL);
        long y1 = (long) Math.floor(r.maxY() / CELL);
        for (long cx = x0; cx <= x1; cx++) {
            for (long cy = y0; cy <= y1; cy++) {
                visit.accept(cx * 0x1_0000_0000L + (cy & 0xffff_ffffL));
            }
        }
    }
}
