package netcanvas.canvas.routing;

import java.util.List;

/**
 * Where one edge is drawn: its polyline as x, y pairs (first at the source's port, last at the target's) and its
 * label's top-left corner and size.
 */
public record Route(List<Double> points, double labelX, double labelY, double labelWidth, double labelHeight) {

    public Route {
        points = List.copyOf(points);
    }

    /** The same line with its label moved. */
    Route withLabel(double x, double y, double w, double h) {
        return new Route(points, x, y, w, h);
    }

    /** The label's rectangle. */
    Rect label() {
        return new Rect(labelX, labelY, labelWidth, labelHeight);
    }
}
