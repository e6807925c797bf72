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
 * The zoom in percent (a click goes back to 100 %) and, while the network is larger than the view, a minimap of every
 * box with the part in view outlined; pressing or dragging in it moves the view there. The boxes are painted again
 * only when the network changes; a pan or zoom moves only the outline.
 * <p>
 * Neither hides what the user works on: the map sits in a corner of the canvas that no box reaches (the bottom-right
 * one while that is free) and steps aside when none is; it is left out on a canvas too small to spare its room, and
 * the user can hide it ("Hide map", remembered with the window's settings). The zoom indicator finds a free place
 * likewise, along the edges too, and is hidden while there is none.
 */
final class Minimap extends VBox {
    static final double WIDTH = 170;
    static final double HEIGHT = 120;
    private static final double MARGIN = 6;
    /** From the canvas's edges to the map and the zoom indicator. */
    private static final double INSET = 10;
    /** Kept between them and any box, on screen. */
    private static final double CLEARANCE = 4;
    /** A box's ports and badge stand out of it by this much (world units: they scale with it). */
    private static final double BOX_OUTSET = 6;
    /** The map takes at most a ninth of the canvas: below 3 times its size each way it is left out. */
    private static final double ROOM = 3;
    /** The zoom indicator, with no corner free, tries places this far apart up the canvas's edges. */
    private static final double SLIDE_STEP = 6;

    /** The corners the map may take, in the order tried. */
    enum Corner {
        BOTTOM_RIGHT, BOTTOM_LEFT, TOP_RIGHT, TOP_LEFT;

        boolean right() {
            return this == BOTTOM_RIGHT || this == TOP_RIGHT;
        }

        boolean bottom() {
            return this == BOTTOM_RIGHT || this == BOTTOM_LEFT;
        }
    }

    private final CanvasView view;
    private final Button zoom = new Button();
    private final javafx.scene.control.ToggleButton toggle = new javafx.scene.control.ToggleButton();
    private final javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(4, toggle, zoom);
    private final Pane map = new Pane();
    private final Canvas boxes = new Canvas(WIDTH, HEIGHT);
    private final Rectangle inView = new Rectangle();
    /** The user's choice: the map shown when it has room (true) or hidden. */
    private final javafx.beans.property.BooleanProperty wanted = new javafx.beans.property.SimpleBooleanProperty(true);
    private Corner corner = Corner.BOTTOM_RIGHT;
    /** While the map is pressed: it stays where it is, shown, until the button is released. */
    private boolean held;
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
        toggle.setId("minimap-toggle");
        toggle.setFocusTraversable(false);
        toggle.setStyle(zoom.getStyle());
        toggle.setTooltip(new Tooltip("Show or hide the minimap (View \u203a Show/Hide Minimap). Shown, it keeps to a"
                + " corner free of boxes and steps aside when there is none or the canvas is small"));
        toggle.selectedProperty().bindBidirectional(wanted);
        toggle.textProperty().bind(javafx.beans.binding.Bindings.when(wanted).then("Hide map").otherwise("Show map"));
        wanted.addListener((o, was, now) -> place());
        bar.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        bar.setPickOnBounds(false);
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
        map.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            held = false;
            place();
        });
        // the canvas's own gestures (rubber band, pan) must not see presses meant for the map or the buttons
        for (var n : new javafx.scene.Node[] {map, zoom, toggle}) {
            n.addEventHandler(MouseEvent.ANY, MouseEvent::consume);
            n.addEventHandler(javafx.scene.input.ScrollEvent.ANY, javafx.scene.input.ScrollEvent::consume);
        }
        getChildren().addAll(map, bar);
        showMap(false);
    }

    /** The user's choice to show the map (where it has room) or not. */
    javafx.beans.property.BooleanProperty wantedProperty() {
        return wanted;
    }

    /** Paints the boxes again (the network or its positions changed). */
    void contentChanged() {
        content = null;
        if (view.views().isEmpty()) {
            place();
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

    /** Moves the outline of the part in view, and the map out of the boxes' way. */
    void viewChanged() {
        double s = view.zoomFactor();
        zoom.setText(Math.round(s * 100) + " %");
        place();
        if (content == null) {
            return;
        }
        Bounds shown = view.shownWorld();
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

    /**
     * Shows the map while the network is larger than the view, the user wants it and the canvas has room, in the
     * first corner free of boxes, else leaves it out. The zoom indicator (with the map's button) takes the first free
     * corner too, else a free place up the right or left edge, else it is hidden until boxes leave it room.
     */
    void place() {
        double w = view.getWidth();
        double h = view.getHeight();
        if (w <= 0 || h <= 0 || held) {
            return;
        }
        boolean larger = content != null && !view.shownWorld().contains(content);
        // the choice matters only while there is something to navigate
        toggle.setVisible(larger);
        toggle.setManaged(larger);
        Spot spot = null;
        if (larger && wanted.get() && w >= ROOM * WIDTH && h >= ROOM * HEIGHT) {
            showMap(true);
            autosize();
            spot = freeSpot(w, h, false);
        }
        if (spot == null) {
            showMap(false);
            autosize();
            spot = freeSpot(w, h, true);
        }
        setVisible(spot != null);
        if (spot != null) {
            put(spot);
        }
    }

    private void showMap(boolean shown) {
        if (map.isVisible() != shown || map.isManaged() != shown) {
            map.setVisible(shown);
            map.setManaged(shown);
        }
    }

    /** Where the map and the zoom go: a corner for their order and alignment, and the top-left point. */
    private record Spot(Corner corner, double x, double y) {
    }

    /**
     * The first corner, bottom-right first, where this control at its present size covers no box (always the first:
     * kept in a corner it had moved to, the zoom stayed at the top after the boxes had left the bottom-right); with
     * {@code slide}, then a place up the right edge or the left one; null where every place covers a box.
     */
    private Spot freeSpot(double w, double h, boolean slide) {
        for (Corner c : Corner.values()) {
            double x = c.right() ? w - getWidth() - INSET : INSET;
            double y = c.bottom() ? h - getHeight() - INSET : INSET;
            if (clear(x, y)) {
                return new Spot(c, x, y);
            }
        }
        if (slide) {
            for (Corner c : new Corner[] {Corner.BOTTOM_RIGHT, Corner.BOTTOM_LEFT}) {
                double x = c.right() ? w - getWidth() - INSET : INSET;
                for (double y = h - getHeight() - INSET - SLIDE_STEP; y > INSET; y -= SLIDE_STEP) {
                    if (clear(x, y)) {
                        return new Spot(c, x, y);
                    }
                }
            }
        }
        return null;
    }

    /** Whether this control with its top-left corner at (x, y) of the canvas covers no box. */
    private boolean clear(double x, double y) {
        double x0 = x - CLEARANCE;
        double y0 = y - CLEARANCE;
        double x1 = x + getWidth() + CLEARANCE;
        double y1 = y + getHeight() + CLEARANCE;
        double s = view.zoomFactor();
        double px = view.panX();
        double py = view.panY();
        double out = BOX_OUTSET * s;
        double bw = NodeView.WIDTH * s;
        double bh = NodeView.HEIGHT * s;
        for (NodeView v : view.views().values()) {
            double bx = v.x() * s + px;
            double by = v.y() * s + py;
            if (bx - out < x1 && bx + bw + out > x0 && by - out < y1 && by + bh + out > y0) {
                return false;
            }
        }
        return true;
    }

    /** Moves to the spot: the zoom indicator towards the canvas's nearer edge, the map beside it. */
    private void put(Spot spot) {
        Corner c = spot.corner();
        if (c != corner || getChildren().get(0) != (c.bottom() ? map : bar)) {
            corner = c;
            getChildren().setAll(c.bottom() ? java.util.List.of(map, bar) : java.util.List.of(bar, map));
            setAlignment(c.bottom() ? c.right() ? javafx.geometry.Pos.BOTTOM_RIGHT : javafx.geometry.Pos.BOTTOM_LEFT
                    : c.right() ? javafx.geometry.Pos.TOP_RIGHT : javafx.geometry.Pos.TOP_LEFT);
            bar.setAlignment(c.right() ? javafx.geometry.Pos.CENTER_RIGHT : javafx.geometry.Pos.CENTER_LEFT);
            autosize();
        }
        relocate(spot.x(), spot.y());
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
            held = true; // the map stays under the pointer while the view moves under it
            view.centerOnWorld(originX + (e.getX() - MARGIN) / scale, originY + (e.getY() - MARGIN) / scale);
        }
        e.consume();
    }

    Button zoomButton() {
        return zoom;
    }
}
