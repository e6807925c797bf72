package netcanvas.canvas;

import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import netcanvas.theme.ThemeColors;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;

/**
 * One edge: an orthogonal line from the source's output port to a slot of the target's input port, and its shape;
 * where both go is decided by {@link netcanvas.canvas.routing.EdgeRouter}.
 */
public final class EdgeView extends Group {
    private static final Font FONT = Font.font("DejaVu Sans", 10);
    private final Polyline line = new Polyline();
    private final Text label = new Text();
    private final Polyline hit;
    private EdgeModel model;
    private boolean selected;

    public EdgeView(EdgeModel model) {
        line.setStrokeWidth(1.6);
        line.setFill(null);
        // A wide transparent twin makes the thin line easy to click.
        Polyline hit = new Polyline();
        hit.setStrokeWidth(9);
        hit.setStroke(Color.TRANSPARENT);
        hit.setFill(null);
        hit.getPoints().setAll(line.getPoints());
        line.getPoints().addListener((javafx.collections.ListChangeListener<Double>) c ->
                hit.getPoints().setAll(line.getPoints()));
        label.setFont(FONT);
        label.getStyleClass().add("edge-label");
        getChildren().addAll(hit, line, label);
        this.hit = hit;
        this.model = model;
        label.setText(model.label());
        paint();
    }

    public EdgeModel model() {
        return model;
    }

    public void update(EdgeModel m) {
        model = m;
        label.setText(m.label());
    }

    public void setSelected(boolean s) {
        selected = s;
        paint();
    }

    /** Paints the line and label in the current theme's colours. */
    void recolor() {
        paint();
    }

    public boolean selected() {
        return selected;
    }

    private void paint() {
        ThemeColors c = Themes.current();
        line.setStroke(c.get(selected ? Role.ACCENT : Role.EDGE));
        label.setFill(c.get(Role.EDGE_LABEL));
        line.setStrokeWidth(selected ? 3 : 1.6);
    }

    /** Whether the route (with room for its label) touches the rectangle [x0, x1] x [y0, y1]. */
    boolean routeTouches(double x0, double y0, double x1, double y1) {
        var p = line.getPoints();
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i + 1 < p.size(); i += 2) {
            minX = Math.min(minX, p.get(i));
            maxX = Math.max(maxX, p.get(i));
            minY = Math.min(minY, p.get(i + 1));
            maxY = Math.max(maxY, p.get(i + 1));
        }
        var b = label.getBoundsInParent();
        minX = Math.min(minX, b.getMinX());
        maxX = Math.max(maxX, b.getMaxX());
        minY = Math.min(minY, b.getMinY());
        maxY = Math.max(maxY, b.getMaxY());
        return maxX >= x0 && minX <= x1 && maxY >= y0 && minY <= y1;
    }

    /** The drawn route as x, y pairs. */
    public java.util.List<Double> points() {
        return java.util.List.copyOf(line.getPoints());
    }

    Text label() {
        return label;
    }

    public String labelText() {
        return label.getText();
    }

    /** Draws the edge along this route, its label where the route puts it. */
    public void show(netcanvas.canvas.routing.Route r) {
        line.getPoints().setAll(r.points());
        label.relocate(r.labelX(), r.labelY());
    }

    /** The label's size, for placing it. */
    double[] labelSize() {
        var b = label.getLayoutBounds();
        return new double[] {b.getWidth(), b.getHeight()};
    }
}
