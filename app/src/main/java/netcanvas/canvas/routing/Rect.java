package netcanvas.canvas.routing;

/** An axis-parallel rectangle in world coordinates: top-left corner, width and height. */
public record Rect(double x, double y, double w, double h) {

    public double maxX() {
        return x + w;
    }

    public double maxY() {
        return y + h;
    }

    /** This rectangle with {@code m} more on every side. */
    public Rect grown(double m) {
        return new Rect(x - m, y - m, w + 2 * m, h + 2 * m);
    }

    /** Whether the two insides share any area (touching borders do not). */
    public boolean overlaps(Rect o) {
        return o.maxX() > x && o.x < maxX() && o.maxY() > y && o.y < maxY();
    }

    /** Whether the axis-parallel segment (ax, ay)-(bx, by) passes through the inside (running along a border does not). */
    public boolean crossedBy(double ax, double ay, double bx, double by) {
        return Math.max(ax, bx) > x && Math.min(ax, bx) < maxX() && Math.max(ay, by) > y && Math.min(ay, by) < maxY();
    }

    /** Whether the point lies strictly inside. */
    public boolean containsInside(double px, double py) {
        return px > x && px < maxX() && py > y && py < maxY();
    }

    /** The bounding rectangle of an axis-parallel segment (zero thickness across it). */
    static Rect ofSegment(double ax, double ay, double bx, double by) {
        return new Rect(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay));
    }
}
