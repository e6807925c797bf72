package netcanvas.canvas;

import java.util.Collection;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import netcanvas.theme.ThemeColors;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;

/**
 * The zoomed-out drawing: below {@link CanvasView#DETAIL_ZOOM} every box and edge is painted into one screen-sized
 * bitmap instead of being drawn as scene-graph shapes. With a thousand boxes on screen the scene graph spent most of
 * a frame walking and rasterising two thousand shapes whose texts could not be read anyway; painting plain
 * rectangles and lines into one canvas costs a fraction of that. The boxes stay in the scene (hidden) and remain the
 * source of positions, selection and hit tests.
 */
final class Overview {

    private final Canvas canvas = new Canvas();

    Overview() {
        canvas.setMouseTransparent(true);
        canvas.setVisible(false);
    }

    Canvas node() {
        return canvas;
    }

    /**
     * Paints what falls inside a width x height view of the world scaled by {@code s} and shifted by (panX, panY).
     *
     * @return the number of boxes painted
     */
    int paint(Collection<NodeView> nodes, Collection<EdgeView> edges, double width, double height, double s,
            double panX, double panY) {
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        double w = NodeView.WIDTH * s;
        double h = NodeView.HEIGHT * s;
        g.setLineWidth(1);
        ThemeColors c = Themes.current();
        Color selected = c.get(Role.ACCENT);
        for (EdgeView e : edges) {
            var p = e.points();
            int n = p.size() / 2;
            double[] xs = new double[n];
            double[] ys = new double[n];
            boolean inside = false;
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                xs[i] = p.get(2 * i) * s + panX;
                ys[i] = p.get(2 * i + 1) * s + panY;
                minX = Math.min(minX, xs[i]);
                maxX = Math.max(maxX, xs[i]);
                minY = Math.min(minY, ys[i]);
                maxY = Math.max(maxY, ys[i]);
            }
            inside = maxX >= 0 && minX <= width && maxY >= 0 && minY <= height;
            if (inside) {
                g.setStroke(e.selected() ? selected : c.get(Role.EDGE));
                g.setLineWidth(e.selected() ? 2 : 1);
                g.strokePolyline(xs, ys, n);
            }
        }
        int painted = 0;
        for (NodeView v : nodes) {
            double x = v.x() * s + panX;
            double y = v.y() * s + panY;
            if (x + w < 0 || x > width || y + h < 0 || y > height) {
                continue;
            }
            painted++;
            NodeModel m = v.model();
            g.setFill(v.fill());
            g.fillRect(x, y, w, h);
            boolean problem = !m.problems().isEmpty();
            g.setStroke(v.selected() ? selected : c.get(problem && m.error() ? Role.ERROR : Role.BOX_STROKE));
            g.setLineWidth(v.selected() ? 2 : 1);
            g.strokeRect(x, y, w, h);
            if (problem) {
                // The badge, kept readable: at least 6 px across however far out the view is.
                double r = Math.max(3, 9 * s);
                g.setFill(c.get(m.error() ? Role.ERROR : Role.WARNING));
                g.fillOval(x + w - r, y - r, 2 * r, 2 * r);
            }
        }
        return painted;
    }
}
