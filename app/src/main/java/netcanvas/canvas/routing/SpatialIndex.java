package netcanvas.canvas.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    void add(Rect r, T owner) {
        int index = rects.size();
        rects.add(r);
        owners.add(owner);
        forCells(r, key -> cells.computeIfAbsent(key, k -> new ArrayList<>()).add(index));
    }

    /** The owners of rectangles whose cells meet {@code r}'s (a superset of those that overlap it). */
    List<Integer> near(Rect r) {
        Set<Integer> found = new LinkedHashSet<>();
        forCells(r, key -> {
            List<Integer> in = cells.get(key);
            if (in != null) {
                found.addAll(in);
            }
        });
        return new ArrayList<>(found);
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
