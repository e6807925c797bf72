package netcanvas.canvas;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import netcanvas.canvas.routing.EdgeRequest;
import netcanvas.canvas.routing.EdgeRouter;
import netcanvas.canvas.routing.Rect;
import netcanvas.canvas.routing.Route;

/**
 * A zoomable, pannable drawing of a graph of {@link NodeView}s and {@link EdgeView}s. It redraws from
 * {@link CanvasModels.Graph} values, touching only the boxes whose model changed, so an edit in a 1,000-node graph
 * costs little. Mouse editing lives in {@link CanvasGestures}; without an editor the canvas is read-only.
 */
public final class CanvasView extends Region {
    public static final double MIN_ZOOM = 0.05;
    public static final double MAX_ZOOM = 3;
    /** Below this zoom boxes are drawn without text. */
    public static final double DETAIL_ZOOM = 0.3;

    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group overlay = new Group();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private final Map<String, EdgeView> edgeViews = new LinkedHashMap<>();
    /** Where each edge and its label are drawn, by edge key. */
    private Map<String, Route> routes = Map.of();
    /** The boxes as they stood when the edges were last routed. */
    private Map<String, Rect> routedBoxes = Map.of();
    /** The edges (with their labels' sizes) as they were when last routed. */
    private List<EdgeRequest> routedEdges = List.of();
    private final Selection selection = new Selection();
    private final Rectangle ghost = new Rectangle(NodeView.WIDTH, NodeView.HEIGHT);
    private final javafx.beans.property.BooleanProperty detailed =
            new javafx.beans.property.SimpleBooleanProperty(true);
    private Consumer<String> onOpenBlock = id -> { };
    /** False while {@link #picture()} draws everything, so moving the view for the snapshot hides nothing. */
    private boolean culling = true;
    /** The world area whose boxes are shown (the view with a margin); null when everything must be culled anew. */
    private javafx.geometry.BoundingBox shown;
    /** Ends a pan or zoom gesture: this long after the last step the drawing goes back to full quality. */
    private final javafx.animation.PauseTransition settle =
            new javafx.animation.PauseTransition(javafx.util.Duration.millis(250));
    /** The zoomed-out drawing, shown instead of the box and edge layers below {@link #DETAIL_ZOOM}. */
    private final Overview overview = new Overview();
    /** Whether the overview must be painted again at the next layout pass (one paint per frame, however many steps). */
    private boolean overviewStale;
    private int overviewBoxes;
    /** The zoom indicator and minimap in a corner free of boxes. */
    private final Minimap minimap = new Minimap(this);
    /** The least zoom of the last fit while the view still shows it (NaN once the user panned or zoomed). */
    private double fittedAt = Double.NaN;
    /** True while the view moves for a fit or a picture: not the user's pan or zoom. */
    private boolean viewByProgram;

    public CanvasView() {
        world.getChildren().addAll(edgeLayer, nodeLayer, overlay);
        world.getTransforms().addAll(pan, zoom);
        world.setManaged(false);
        overview.node().setManaged(false);
        // The overview under the world: the world's overlay (rubber band, wire, drop ghost) stays on top.
        minimap.setManaged(false);
        getChildren().addAll(overview.node(), world, minimap);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        getStyleClass().add("canvas");
        recolor();
        // weak: a comparison window's canvases must not live as long as the app's theme
        netcanvas.theme.Themes.colors().addListener(new javafx.beans.value.WeakChangeListener<>(onTheme));
        setMinSize(100, 100);
        setPrefSize(800, 600);
        selection.addListener(s -> paintSelection());
        ghost.setArcWidth(12);
        ghost.setArcHeight(12);
        ghost.getStrokeDashArray().setAll(6.0, 4.0);
        ghost.setMouseTransparent(true);
        for (var p : List.of(pan.xProperty(), pan.yProperty(), zoom.xProperty(), widthProperty(), heightProperty())) {
            p.addListener((o, a, b) -> {
                cullIfNeeded();
                overviewChanged();
                minimap.viewChanged();
            });
        }
        // a fitted view stays fitted when the canvas changes size (a panel opens or closes, a divider moves); a pan or
        // zoom by the user ends that, so a view the user chose is never taken away
        for (var p : List.of(pan.xProperty(), pan.yProperty(), zoom.xProperty())) {
            p.addListener((o, a, b) -> {
                if (!viewByProgram) {
                    fittedAt = Double.NaN;
                }
            });
        }
        for (var p : List.of(widthProperty(), heightProperty())) {
            p.addListener((o, a, b) -> {
                if (!Double.isNaN(fittedAt)) {
                    fit(fittedAt);
                }
            });
        }
        settle.setOnFinished(e -> world.setCache(false));
    }

    private final javafx.beans.value.ChangeListener<netcanvas.theme.ThemeColors> onTheme = (o, was, now) -> recolor();

    /** Paints the background and every box and edge in the current theme's colours. */
    private void recolor() {
        var c = netcanvas.theme.Themes.current();
        setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
                c.get(netcanvas.theme.ThemeColors.Role.CANVAS), null, null)));
        var accent = c.get(netcanvas.theme.ThemeColors.Role.ACCENT);
        ghost.setFill(accent.deriveColor(0, 1, 1, 0.12));
        ghost.setStroke(accent);
        views.values().forEach(NodeView::recolor);
        edgeViews.values().forEach(EdgeView::recolor);
        overviewChanged();
        minimap.contentChanged();
    }

    /** The colour behind the boxes. */
    public javafx.scene.paint.Color background() {
        return (javafx.scene.paint.Color) getBackground().getFills().get(0).getFill();
    }

    /**
     * During a pan the world is drawn once into a bitmap (at the current zoom) that each frame only moves, instead of
     * redrawing every box, line and text; a zoom step redraws it. Once the gesture pauses the bitmap is dropped, so
     * edits and exports never pay for it. The cache hint stays at its default: CacheHint.SPEED would let zoom steps
     * stretch the bitmap, but JavaFX then draws it at 100%, which for a large network zoomed out is a bitmap far
     * larger than the window, and measured slower than no cache at all.
     */
    private void moving() {
        world.setCache(true);
        settle.playFromStart();
    }

    /** The world area the view shows now. */
    private javafx.geometry.BoundingBox viewInWorld() {
        double s = zoom.getX();
        return new javafx.geometry.BoundingBox(-pan.getX() / s, -pan.getY() / s, getWidth() / s, getHeight() / s);
    }

    /**
     * Culls again only when the view has left the area shown last, or shrunk well inside it (zoomed in): between
     * those, a pan changes nothing but one translate, so no box changes visibility and the cached bitmap stays valid.
     */
    private void cullIfNeeded() {
        var view = viewInWorld();
        boolean detail = zoom.getX() >= DETAIL_ZOOM;
        if (shown != null && detail == detailed.get() && shown.contains(view)
                && shown.getWidth() * shown.getHeight() <= 9 * view.getWidth() * view.getHeight()) {
            return;
        }
        cull();
    }

    /**
     * Puts in the scene only what can be seen: boxes and edges outside the view are taken out of their layers, and
     * below {@link #DETAIL_ZOOM} both layers leave the scene and the {@link Overview} paints plain boxes instead (texts
     * are unreadable there, and text is most of the drawing cost). Taken out, not hidden: JavaFX updates the bounds of
     * every node in the scene on every frame, visible or not, which with a thousand boxes cost more than drawing.
     */
    private void cull() {
        if (!culling) {
            return;
        }
        double s = zoom.getX();
        detailed.set(s >= DETAIL_ZOOM);
        boolean zoomedOut = !detailed.get();
        overview.node().setVisible(zoomedOut);
        overviewChanged();
        // Show half a view more on every side, so panning that far needs no new culling.
        var view = viewInWorld();
        shown = new javafx.geometry.BoundingBox(view.getMinX() - view.getWidth() / 2,
                view.getMinY() - view.getHeight() / 2, view.getWidth() * 2, view.getHeight() * 2);
        // Hidden, not taken out: the boxes keep their styles, so zooming back in costs only those that changed.
        edgeLayer.setVisible(!zoomedOut);
        nodeLayer.setVisible(!zoomedOut);
        if (zoomedOut) {
            return; // the overview paints only what is in view itself
        }
        double x0 = shown.getMinX() - NodeView.WIDTH;
        double y0 = shown.getMinY() - NodeView.HEIGHT;
        double x1 = shown.getMaxX();
        double y1 = shown.getMaxY();
        attachOnly(nodeLayer, views.values(), v -> v.x() >= x0 && v.x() <= x1 && v.y() >= y0 && v.y() <= y1);
        attachOnly(edgeLayer, edgeViews.values(), e -> e.routeTouches(x0, y0, x1 + NodeView.WIDTH,
                y1 + NodeView.HEIGHT));
    }

    /** Makes {@code layer} hold exactly those of {@code all} that pass, adding and removing only the difference. */
    private static <T extends javafx.scene.Node> void attachOnly(Group layer, java.util.Collection<T> all,
            java.util.function.Predicate<T> keep) {
        Set<javafx.scene.Node> out = new HashSet<>();
        List<javafx.scene.Node> in = new java.util.ArrayList<>();
        for (T n : all) {
            boolean attached = n.getParent() == layer;
            if (keep.test(n)) {
                if (!attached) {
                    in.add(n);
                }
            } else if (attached) {
                out.add(n);
            }
        }
        if (!out.isEmpty()) {
            layer.getChildren().removeAll(out);
        }
        layer.getChildren().addAll(in);
    }

    /** Asks for the overview to be painted again in this frame's layout pass, when it is showing. */
    private void overviewChanged() {
        if (overview.node().isVisible()) {
            overviewStale = true;
            setNeedsLayout(true);
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        minimap.place();
        if (overviewStale && overview.node().isVisible()) {
            overviewStale = false;
            overviewBoxes = overview.paint(views.values(), edgeViews.values(), getWidth(), getHeight(), zoom.getX(),
                    pan.getX(), pan.getY());
        }
    }

    /** Whether the view is zoomed out to the overview (boxes painted without texts, ports or tooltips). */
    public boolean overviewShown() {
        return overview.node().isVisible();
    }

    /** How many boxes the last overview frame painted (those inside the view). */
    public int overviewBoxes() {
        return overviewBoxes;
    }

    /** Shows where a box dragged from the palette would land (centred on this world point), or hides it (null). */
    public void showGhost(Point2D at) {
        if (at == null) {
            overlay.getChildren().remove(ghost);
            return;
        }
        ghost.setX(at.getX() - NodeView.WIDTH / 2);
        ghost.setY(at.getY() - NodeView.HEIGHT / 2);
        if (!overlay.getChildren().contains(ghost)) {
            overlay.getChildren().add(ghost);
        }
    }

    /** Whether boxes show their texts (false when zoomed out too far to read them). */
    public javafx.beans.property.ReadOnlyBooleanProperty detailedProperty() {
        return detailed;
    }

    /** Makes the canvas editable through this editor (node moves, connections, edge removal). */
    public void enableEditing(CanvasEditor editor) {
        new CanvasGestures(this, editor).install();
    }

    /** Makes the canvas navigable only: select, pan, zoom, double-click a block. */
    public void enableBrowsing() {
        new CanvasGestures(this, null).install();
    }

    public void setOnOpenBlock(Consumer<String> handler) {
        onOpenBlock = handler;
    }

    void openBlock(String id) {
        onOpenBlock.accept(id);
    }

    /** Draws this graph, reusing every box and edge whose model is unchanged. */
    public void show(CanvasModels.Graph g) {
        Set<String> ids = new HashSet<>();
        for (NodeModel m : g.nodes()) {
            ids.add(m.id());
            NodeView v = views.get(m.id());
            if (v == null) {
                v = new NodeView(m);
                views.put(m.id(), v);
                nodeLayer.getChildren().add(v);
            } else {
                v.update(m);
            }
        }
        for (Iterator<Map.Entry<String, NodeView>> it = views.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!ids.contains(e.getKey())) {
                nodeLayer.getChildren().remove(e.getValue());
                it.remove();
            }
        }
        Map<String, EdgeView> next = new LinkedHashMap<>();
        for (EdgeModel m : g.edges()) {
            EdgeView v = edgeViews.remove(m.key());
            if (v == null) {
                v = new EdgeView(m);
                edgeLayer.getChildren().add(v);
            } else {
                v.update(m);
            }
            next.put(m.key(), v);
        }
        edgeLayer.getChildren().removeAll(edgeViews.values());
        edgeViews.clear();
        edgeViews.putAll(next);
        rerouteAll();
        selection.retain(ids, new HashSet<>(g.edges()));
        paintSelection();
        cull();
    }

    /**
     * Routes the edges after a redraw: only those of boxes that moved, appeared or now cover them are routed again
     * (a parameter edit in a 1,000-node graph moves nothing), and labels keep their places where they still can.
     */
    void rerouteAll() {
        Map<String, Rect> now = boxes();
        List<EdgeRequest> wanted = requests();
        if (now.equals(routedBoxes) && wanted.equals(routedEdges)) {
            return; // nothing moved and every label kept its size: the drawing stands
        }
        routedEdges = wanted;
        Set<String> changed = new HashSet<>();
        now.forEach((id, r) -> {
            if (!r.equals(routedBoxes.get(id))) {
                changed.add(id);
            }
        });
        routes = EdgeRouter.reroute(now, wanted, routes, routedBoxes.isEmpty() ? null : changed);
        routedBoxes = now;
        drawRoutes();
    }

    /** Re-routes the edges touching these nodes, and those they now cover (while they are dragged). */
    void reroute(Set<String> moved) {
        routedBoxes = boxes();
        routedEdges = requests();
        routes = EdgeRouter.reroute(routedBoxes, routedEdges, routes, moved);
        drawRoutes();
        overviewChanged();
    }

    private Map<String, Rect> boxes() {
        Map<String, Rect> out = new LinkedHashMap<>();
        for (NodeView v : views.values()) {
            out.put(v.model().id(), new Rect(v.x(), v.y(), NodeView.WIDTH, NodeView.HEIGHT));
        }
        return out;
    }

    private List<EdgeRequest> requests() {
        List<EdgeRequest> out = new java.util.ArrayList<>();
        for (EdgeView e : edgeViews.values()) {
            EdgeModel m = e.model();
            double[] size = e.labelSize();
            out.add(new EdgeRequest(m.key(), m.from(), m.to(), m.slot(), m.slots(), size[0], size[1]));
        }
        return out;
    }

    private void drawRoutes() {
        for (EdgeView e : edgeViews.values()) {
            Route r = routes.get(e.model().key());
            if (r != null) {
                e.show(r);
            }
        }
    }

    private void paintSelection() {
        for (NodeView v : views.values()) {
            v.setSelected(selection.contains(v.model().id()));
        }
        Set<EdgeModel> chosen = selection.edges();
        for (EdgeView e : edgeViews.values()) {
            e.setSelected(chosen.contains(e.model()));
        }
        overviewChanged();
        minimap.contentChanged();
    }

    public Selection selection() {
        return selection;
    }

    public NodeView viewOf(String id) {
        return views.get(id);
    }

    public Map<String, NodeView> views() {
        return views;
    }

    public Map<String, EdgeView> edgeViews() {
        return edgeViews;
    }

    /** The edge drawn from -> to (first slot), or null. */
    public EdgeView edgeBetween(String from, String to) {
        for (EdgeView e : edgeViews.values()) {
            if (e.model().from().equals(from) && e.model().to().equals(to)) {
                return e;
            }
        }
        return null;
    }

    Group overlay() {
        return overlay;
    }

    Group world() {
        return world;
    }

    /** Scene coordinates to canvas (world) coordinates. */
    public Point2D toWorld(double sceneX, double sceneY) {
        return world.sceneToLocal(sceneX, sceneY);
    }

    /** The topmost box under a world point, or null. */
    public NodeView nodeAt(Point2D p) {
        NodeView hit = null;
        for (NodeView v : views.values()) {
            if (p.getX() >= v.x() && p.getX() <= v.x() + NodeView.WIDTH && p.getY() >= v.y() - 6
                    && p.getY() <= v.y() + NodeView.HEIGHT + 6) {
                hit = v;
            }
        }
        return hit;
    }

    public double zoomFactor() {
        return zoom.getX();
    }

    /** Zooms by a factor, keeping the point (px, py) of this region where it is on screen. */
    public void zoomBy(double factor, double px, double py) {
        // No bitmap cache while zooming: each step would redraw the cache (twice the view each way) and then the
        // frame, so drawing directly is cheaper.
        world.setCache(false);
        double s = clamp(zoom.getX() * factor, MIN_ZOOM, MAX_ZOOM);
        double wx = (px - pan.getX()) / zoom.getX();
        double wy = (py - pan.getY()) / zoom.getY();
        zoom.setX(s);
        zoom.setY(s);
        pan.setX(px - wx * s);
        pan.setY(py - wy * s);
    }

    /** Pans and zooms together with another view, each following the other (the two graphs of a comparison). */
    public void moveWith(CanvasView other) {
        pan.xProperty().bindBidirectional(other.pan.xProperty());
        pan.yProperty().bindBidirectional(other.pan.yProperty());
        zoom.xProperty().bindBidirectional(other.zoom.xProperty());
        zoom.yProperty().bindBidirectional(other.zoom.yProperty());
    }

    public void zoomBy(double factor) {
        zoomBy(factor, getWidth() / 2, getHeight() / 2);
    }

    public void panBy(double dx, double dy) {
        moving();
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
    }

    /** Room left around the boxes when fitting them to the view. */
    private static final double FIT_MARGIN = 30;

    /** The zoom {@link #fit()} would choose for boxes at these top-left corners in a view this large. */
    public static double fittedZoom(java.util.Collection<double[]> corners, double width, double height) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : corners) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0] + NodeView.WIDTH);
            maxY = Math.max(maxY, p[1] + NodeView.HEIGHT);
        }
        if (corners.isEmpty()) {
            return 1;
        }
        return clamp(Math.min((width - 2 * FIT_MARGIN) / (maxX - minX), (height - 2 * FIT_MARGIN) / (maxY - minY)),
                MIN_ZOOM, 1);
    }

    /** Shows every box, as large as fits (never above 100%). */
    public void fit() {
        fit(MIN_ZOOM);
    }

    /**
     * Shows every box as large as fits, but not below {@code minZoom}: a graph too tall for that shows its top part,
     * centred across, or its left part when it is also too wide.
     */
    public void fit(double minZoom) {
        fittedAt = minZoom; // also when there is nothing to fit yet: the first size or boxes will be fitted
        if (views.isEmpty() || getWidth() <= 0) {
            return;
        }
        viewByProgram = true;
        try {
            fitNow(minZoom);
        } finally {
            viewByProgram = false;
        }
    }

    /** Whether the view shows the last fit (no pan or zoom since): it is fitted again when the canvas resizes. */
    public boolean fitted() {
        return !Double.isNaN(fittedAt);
    }

    private void fitNow(double minZoom) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (NodeView v : views.values()) {
            minX = Math.min(minX, v.x());
            minY = Math.min(minY, v.y());
            maxX = Math.max(maxX, v.x() + NodeView.WIDTH);
            maxY = Math.max(maxY, v.y() + NodeView.HEIGHT);
        }
        double margin = FIT_MARGIN;
        double s = clamp(Math.min((getWidth() - 2 * margin) / (maxX - minX),
                (getHeight() - 2 * margin) / (maxY - minY)), MIN_ZOOM, 1);
        zoom.setX(s);
        zoom.setY(s);
        pan.setX((getWidth() - (maxX - minX) * s) / 2 - minX * s);
        pan.setY((getHeight() - (maxY - minY) * s) / 2 - minY * s);
        if (s < minZoom) {
            s = minZoom;
            zoom.setX(s);
            zoom.setY(s);
            // Wider than the view at this zoom: start at the left, where the input is (centred, VGG-16 beside the
            // training panel lost its first column); narrower: centred across.
            double across = (getWidth() - (maxX - minX) * s) / 2;
            pan.setX((across < margin ? margin : across) - minX * s);
            pan.setY(margin - minY * s);
        }
    }

    /** The largest side of an exported picture, in pixels (JavaFX's snapshot limit on common GPUs). */
    public static final int PICTURE_MAX_SIDE = 16_384;

    /** The whole drawing at 100% on white, for export. */
    public javafx.scene.image.WritableImage picture() {
        return picture(1);
    }

    /**
     * The whole drawing on white at this scale (1 = 100 %; 2 and 4 for slides), with a 20 px margin (at 1x).
     *
     * @throws IllegalArgumentException when the picture would be larger than {@link #PICTURE_MAX_SIDE} on a side
     */
    public javafx.scene.image.WritableImage picture(double scale) {
        double px = pan.getX(), py = pan.getY(), s = zoom.getX();
        boolean byProgram = viewByProgram;
        viewByProgram = true; // the view comes back as it was, fitted or not
        // Culling hides what lies outside the window; the picture shows the whole drawing, texts included.
        settle.stop();
        world.setCache(false);
        culling = false;
        overview.node().setVisible(false);
        edgeLayer.setVisible(true);
        nodeLayer.setVisible(true);
        attachOnly(nodeLayer, views.values(), v -> true);
        attachOnly(edgeLayer, edgeViews.values(), v -> true);
        detailed.set(true);
        Bounds b = nodeLayer.getBoundsInLocal();
        Bounds e = edgeLayer.getBoundsInLocal();
        zoom.setX(1);
        zoom.setY(1);
        double minX = Math.min(b.getMinX(), e.getMinX());
        double minY = Math.min(b.getMinY(), e.getMinY());
        double margin = 20;
        pan.setX(margin - minX);
        pan.setY(margin - minY);
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        // on white in the light theme (for documents), on the canvas's own colour in the dark one
        params.setFill(netcanvas.theme.Themes.current().dark() ? background() : javafx.scene.paint.Color.WHITE);
        // The viewport (in the world's parent, where the drawing now starts at margin, margin) keeps white on every
        // side; without one the snapshot ends at the outermost box.
        double width = Math.ceil((Math.max(b.getMaxX(), e.getMaxX()) - minX + 2 * margin) * scale);
        double height = Math.ceil((Math.max(b.getMaxY(), e.getMaxY()) - minY + 2 * margin) * scale);
        try {
            if (width > PICTURE_MAX_SIDE || height > PICTURE_MAX_SIDE) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "At %sx the picture would be %,.0f x %,.0f pixels, over the %,d limit: choose a smaller scale",
                        scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale), width,
                        height, PICTURE_MAX_SIDE));
            }
            params.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
            params.setViewport(new javafx.geometry.Rectangle2D(0, 0, width, height));
            return world.snapshot(params, null);
        } finally {
            zoom.setX(s);
            zoom.setY(s);
            pan.setX(px);
            pan.setY(py);
            viewByProgram = byProgram;
            culling = true;
            cull();
        }
    }

    /** The world area in view now. */
    Bounds shownWorld() {
        return viewInWorld();
    }

    /** Scrolls so that this world point sits in the middle, keeping the zoom. */
    void centerOnWorld(double x, double y) {
        pan.setX(getWidth() / 2 - x * zoom.getX());
        pan.setY(getHeight() / 2 - y * zoom.getX());
    }

    /** The zoom indicator (its text is the zoom in percent; a click goes back to 100 %). */
    public javafx.scene.control.Button zoomIndicator() {
        return minimap.zoomButton();
    }

    /** The minimap (shown while the network is larger than the view, in a corner free of boxes). */
    public javafx.scene.layout.Region minimap() {
        return (javafx.scene.layout.Region) minimap.lookup("#minimap");
    }

    /** The user's choice to show the minimap ("Hide map" / "Show map", View › Show/Hide Minimap). */
    public javafx.beans.property.BooleanProperty minimapWantedProperty() {
        return minimap.wantedProperty();
    }

    /** The "Hide map" / "Show map" button beside the zoom indicator (while the network is larger than the view). */
    public javafx.scene.control.ToggleButton minimapToggle() {
        return (javafx.scene.control.ToggleButton) minimap.lookup("#minimap-toggle");
    }

    /** Where a world x is drawn in this region now. */
    double panX() {
        return pan.getX();
    }

    double panY() {
        return pan.getY();
    }

    /** Scrolls so that this node sits in the middle, keeping the zoom. */
    public void centerOn(String id) {
        NodeView v = views.get(id);
        if (v != null) {
            double s = zoom.getX();
            pan.setX(getWidth() / 2 - (v.x() + NodeView.WIDTH / 2) * s);
            pan.setY(getHeight() / 2 - (v.y() + NodeView.HEIGHT / 2) * s);
        }
    }

    /** The boxes' extent in world coordinates (for export), whatever is in view. */
    public Bounds contentBounds() {
        if (views.isEmpty()) {
            return new javafx.geometry.BoundingBox(0, 0, 0, 0);
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (NodeView v : views.values()) {
            Bounds b = v.getBoundsInParent();
            minX = Math.min(minX, b.getMinX());
            minY = Math.min(minY, b.getMinY());
            maxX = Math.max(maxX, b.getMaxX());
            maxY = Math.max(maxY, b.getMaxY());
        }
        return new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Positions of the given boxes as currently drawn. */
    Map<String, double[]> positionsOf(Set<String> ids) {
        Map<String, double[]> m = new HashMap<>();
        for (String id : ids) {
            NodeView v = views.get(id);
            if (v != null) {
                m.put(id, new double[] {v.x(), v.y()});
            }
        }
        return m;
    }
}
