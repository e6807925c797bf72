package netcanvas.canvas;

import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import netcanvas.theme.ThemeColors;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;

/**
 * The canvas's bottom-right corner: the zoom in percent (a click goes back to 100 %) and, while the network is
 * larger than the view, a minimap of every box with the part in view outlined; pressing or dragging in it moves the
 * view there. The boxes are painted again only when the network changes; a pan or zoom moves only the outline.
 */
final class Minimap extends VBox {
    static final double WIDTH = 170;
    static final double HEIGHT = 120;
    private static final double MARGIN = 6;

    private final CanvasView view;
    private final Button zoom = new Button();
    private final Pane map = new Pane();
    private final Canvas boxes = new Canvas(WIDTH, HEIGHT);
    private final Rectangle inView = new Rectangle();
    /** World to minimap: scale and the world point drawn at the map's origin (after the margin). */
    private double scale = 1;
    private double originX;
    private double originY;
    private Bounds content;

    Minimap(CanvasView view) {
        super(4);
        this.view = view;
        setAlignment(javafx.geometry.Pos.BOTTOM_RIGHT);
        setPickOnBounds(false);
        zoom.setId("zoom-indicator");
        zoom.setFocusTraversable(false);
        zoom.setStyle("-fx-font-size: 11px; -fx-padding: 2 8 2 8; -fx-background-radius: 10; "
                + "-fx-background-color: -nc-minimap; -fx-border-color: -nc-minimap-border; -fx-border-radius: 10;");
        zoom.setTooltip(new Tooltip("Zoom: click for 100 % (Ctrl+0); Ctrl+F fits the network in the view"));
        zoom.setOnAction(e -> view.zoomBy(1 / view.zoomFactor()));
        map.setId("minimap");
        map.setPrefSize(WIDTH, HEIGHT);
        map.setMinSize(WIDTH, HEIGHT);
        map.setMaxSize(WIDTH, HEIGHT);
        map.setStyle("-fx-background-color: -nc-minimap; -fx-border-color: -nc-minimap-border;");
        inView.setMouseTransparent(true);
        map.getChildren().addAll(boxes, inView);
        map.setClip(new Rectangle(WIDTH, HEIGHT));
        Tooltip.install(map, new Tooltip("The whole network: press or drag to move the view"));
        map.addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveViewTo);
        map.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveViewTo);
        // the canvas's own gestures (rubber band, pan) must not see presses meant for the map or the button
        for (var n : new javafx.scene.Node[] {map, zoom}) {
            n.addEventHandler(MouseEvent.ANY, MouseEvent::consume);
            n.addEventHandler(javafx.scene.input.ScrollEvent.ANY, javafx.scene.input.ScrollEvent::consume);
        }
        getChildren().addAll(map, zoom);
    }

    /** Paints the boxes again (the network or its positions changed). */
    void contentChanged() {
        content = null;
        if (view.views().isEmpty()) {
            map.setVisible(false);
            return;
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (NodeView v : view.views().values()) {
            minX = Math.min(minX, v.x());
            minY = Math.min(minY, v.y());
            maxX = Math.max(maxX, v.x() + NodeView.WIDTH);
            maxY = Math.max(maxY, v.y() + NodeView.HEIGHT);
        }
        content = new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
        scale = Math.min((WIDTH - 2 * MARGIN) / content.getWidth(), (HEIGHT - 2 * MARGIN) / content.getHeight());
        // centred in the map
        originX = minX - ((WIDTH - 2 * MARGIN) / scale - content.getWidth()) / 2;
        originY = minY - ((HEIGHT - 2 * MARGIN) / scale - content.getHeight()) / 2;
        GraphicsContext g = boxes.getGraphicsContext2D();
        inView.setFill(Themes.current().get(Role.ACCENT).deriveColor(0, 1, 1, 0.12));
        inView.setStroke(Themes.current().get(Role.ACCENT));
        g.clearRect(0, 0, WIDTH, HEIGHT);
        double w = Math.max(1.5, NodeView.WIDTH * scale);
        double h = Math.max(1.5, NodeView.HEIGHT * scale);
        ThemeColors c = Themes.current();
        for (NodeView v : view.views().values()) {
            g.setFill(v.model().error() ? c.get(Role.ERROR) : v.selected() ? c.get(Role.ACCENT) : v.fill());
            g.fillRect(toMapX(v.x()), toMapY(v.y()), w, h);
            if (w > 4) {
                g.setStroke(c.get(Role.BOX_STROKE));
                g.setLineWidth(0.5);
                g.strokeRect(toMapX(v.x()), toMapY(v.y()), w, h);
            }
        }
        viewChanged();
    }

    /** Moves the outline of the part in view; the map shows only while the network is larger than the view. */
    void viewChanged() {
        double s = view.zoomFactor();
        zoom.setText(Math.round(s * 100) + " %");
        if (content == null) {
            return;
        }
        Bounds shown = view.shownWorld();
        boolean all = shown.contains(content);
        map.setVisible(!all);
        // kept inside the map: a view far from the network shows as a sliver at the map's edge
        double x0 = clamp(toMapX(shown.getMinX()), 0, WIDTH - 2);
        double y0 = clamp(toMapY(shown.getMinY()), 0, HEIGHT - 2);
        double x1 = clamp(toMapX(shown.getMaxX()), x0 + 2, WIDTH);
        double y1 = clamp(toMapY(shown.getMaxY()), y0 + 2, HEIGHT);
        inView.setX(x0);
        inView.setY(y0);
        inView.setWidth(x1 - x0);
        inView.setHeight(y1 - y0);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private double toMapX(double worldX) {
        return MARGIN + (worldX - originX) * scale;
    }

    private double toMapY(double worldY) {
        return MARGIN + (worldY - originY) * scale;
    }

    private void moveViewTo(MouseEvent e) {
        if (content != null && e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
            view.centerOnWorld(originX + (e.getX() - MARGIN) / scale, originY + (e.getY() - MARGIN) / scale);
        }
        e.consume();
    }

    Button zoomButton() {
        return zoom;
    }
}
