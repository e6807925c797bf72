package netcanvas.canvas.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The routes ELK computed at the last auto-layouts, kept so that the canvas draws ELK's own routes: a layout hands
 * on only positions (they are what a network stores), and the canvas reads them back here. A route is filed under its
 * edge and the positions of both its boxes, so it is found only while those boxes stand where ELK put them; the
 * router still checks it against every box before drawing it, since other boxes may have moved onto it.
 */
public final class RouteMemory {
    /** Enough for the largest networks NetCanvas opens, a few times over; the oldest go first. */
    private static final int KEPT = 50_000;
    private static final Map<String, List<Double>> ROUTES = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Double>> eldest) {
            return size() > KEPT;
        }
    };

    private RouteMemory() {
    }

    /** Files ELK's route for the edge from box {@code from} (top-left at fx, fy) into a slot of box {@code to}. */
    public static void remember(String from, double fx, double fy, String to, double tx, double ty, int slot,
            int slots, List<Double> points) {
        synchronized (ROUTES) {
            ROUTES.put(key(from, fx, fy, to, tx, ty, slot, slots), List.copyOf(points));
        }
    }

    /** The remembered route for this edge with its boxes at these positions, or null. */
    static List<Double> recall(String from, Rect a, String to, Rect b, int slot, int slots) {
        synchronized (ROUTES) {
            return ROUTES.get(key(from, a.x(), a.y(), to, b.x(), b.y(), slot, slots));
        }
    }

    private static String key(String from, double fx, double fy, String to, double tx, double ty, int slot,
            int slots) {
        return String.format(Locale.ROOT, "%s@%.1f,%.1f>%s@%.1f,%.1f#%d/%d", from, fx, fy, to, tx, ty, slot, slots);
    }
}
