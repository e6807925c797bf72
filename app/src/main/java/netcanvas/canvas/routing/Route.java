package netcanvas.canvas.routing;

import java.util.List;

/**
 * Where one edge is drawn: its polyline as x, y pairs (first at the source's port, last at the target's) and the
 * top-left corner of its label.
 */
public record Route(List<Double> points, double labelX, double labelY) {

    public Route {
        points = List.copyOf(points);
    }

    /** The same line with its label moved. */
    Route withLabel(double x, double y) {
        return new Route(points, x, y);
    }
}
