package netcanvas.canvas;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.Duration;
import netcanvas.graph.Node.Position;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;

/**
 * The mouse on a canvas: click and rubber-band selection, dragging boxes, dragging from an output port to a box to
 * connect (the line turns red and says why when the connection would be refused), panning with the right or middle
 * button or the wheel, zooming with ctrl+wheel or a pinch, double-click on a block to open it.
 */
final class CanvasGestures {
    private enum Mode { NONE, MOVE, CONNECT, RUBBER, PAN }

    private final CanvasView canvas;
    private final CanvasEditor editor;
    private final Line wire = new Line();
    private final Rectangle band = new Rectangle();
    private final Text feedback = new Text();
    private final PauseTransition hideFeedback = new PauseTransition(Duration.seconds(3));
    private Mode mode = Mode.NONE;
    private Point2D start;
    private double lastX;
    private double lastY;
    private boolean moved;
    private String from;
    private Map<String, double[]> origins = new HashMap<>();

    CanvasGestures(CanvasView canvas, CanvasEditor editor) {
        this.canvas = canvas;
        this.editor = editor;
        wire.setStrokeWidth(2);
        wire.getStrokeDashArray().setAll(6.0, 4.0);
        wire.setMouseTransparent(true);
        band.setMouseTransparent(true);
        feedback.setFont(Font.font("DejaVu Sans", 12));
        feedback.setId("connect-feedback");
        feedback.setMouseTransparent(true);
        hideFeedback.setOnFinished(e -> canvas.overlay().getChildren().remove(feedback));
    }

    void install() {
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> canvas.zoomBy(e.getZoomFactor(), e.getX(), e.getY()));
    }

    private static <T> T ancestor(Node n, Class<T> type) {
        while (n != null && !type.isInstance(n)) {
            n = n.getParent();
        }
        return type.cast(n);
    }

    /** The box under the pointer: the picked shape's box, or in the zoomed-out overview (no shapes) by position. */
    private NodeView boxUnder(Node hit, Point2D world) {
        NodeView node = ancestor(hit, NodeView.class);
        return node == null && canvas.overviewShown() ? canvas.nodeAt(world) : node;
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        Node hit = e.getPickResult().getIntersectedNode();
        start = canvas.toWorld(e.getSceneX(), e.getSceneY());
        NodeView node = boxUnder(hit, start);
        EdgeView edge = ancestor(hit, EdgeView.class);
        lastX = e.getSceneX();
        lastY = e.getSceneY();
        moved = false;
        if (e.getButton() != MouseButton.PRIMARY) {
            mode = Mode.PAN;
        } else if (node != null && editor != null && hit == node.outPort()) {
            startConnect(node);
        } else if (node != null) {
            pressNode(node, e);
        } else if (edge != null) {
            canvas.selection().setEdge(edge.model());
            mode = Mode.NONE;
        } else {
            mode = Mode.RUBBER;
            Color accent = Themes.current().get(Role.ACCENT);
            band.setFill(accent.deriveColor(0, 1, 1, 0.08));
            band.setStroke(accent);
            band.setX(start.getX());
            band.setY(start.getY());
            band.setWidth(0);
            band.setHeight(0);
            canvas.overlay().getChildren().add(band);
        }
        e.consume();
    }

    private void pressNode(NodeView node, MouseEvent e) {
        String id = node.model().id();
        Selection sel = canvas.selection();
        if (e.isShortcutDown() || e.isShiftDown()) {
            sel.toggle(id);
            mode = Mode.NONE;
            return;
        }
        if (!sel.contains(id)) {
            sel.set(Set.of(id));
        }
        mode = editor == null ? Mode.NONE : Mode.MOVE;
        origins = canvas.positionsOf(sel.nodes());
    }

    private void startConnect(NodeView node) {
        mode = Mode.CONNECT;
        from = node.model().id();
        wire.setStartX(node.x() + NodeView.WIDTH / 2);
        wire.setStartY(node.y() + NodeView.HEIGHT);
        wire.setEndX(wire.getStartX());
        wire.setEndY(wire.getStartY());
        wire.setStroke(Themes.current().get(Role.PORT_STROKE));
        canvas.overlay().getChildren().add(wire);
    }

    private void dragged(MouseEvent e) {
        Point2D p = canvas.toWorld(e.getSceneX(), e.getSceneY());
        moved |= p.distance(start) * canvas.zoomFactor() > 3;
        switch (mode) {
            case MOVE -> {
                double dx = Math.round(p.getX() - start.getX());
                double dy = Math.round(p.getY() - start.getY());
                origins.forEach((id, o) -> canvas.viewOf(id).relocate(o[0] + dx, o[1] + dy));
                canvas.reroute(origins.keySet());
            }
            case CONNECT -> dragWire(p);
            case RUBBER -> {
                band.setX(Math.min(p.getX(), start.getX()));
                band.setY(Math.min(p.getY(), start.getY()));
                band.setWidth(Math.abs(p.getX() - start.getX()));
                band.setHeight(Math.abs(p.getY() - start.getY()));
            }
            case PAN -> canvas.panBy(e.getSceneX() - lastX, e.getSceneY() - lastY);
            default -> { }
        }
        lastX = e.getSceneX();
        lastY = e.getSceneY();
        e.consume();
    }

    private void dragWire(Point2D p) {
        wire.setEndX(p.getX());
        wire.setEndY(p.getY());
        NodeView target = canvas.nodeAt(p);
        if (target == null || target.model().id().equals(from)) {
            wire.setStroke(Themes.current().get(Role.PORT_STROKE));
            canvas.overlay().getChildren().remove(feedback);
            return;
        }
        Optional<String> refusal = editor.checkConnect(from, target.model().id());
        wire.setStroke(Themes.current().get(refusal.isPresent() ? Role.ERROR : Role.GOOD));
        if (refusal.isPresent()) {
            showFeedback(refusal.get(), p, false);
        } else {
            canvas.overlay().getChildren().remove(feedback);
        }
    }

    private void showFeedback(String message, Point2D at, boolean linger) {
        feedback.setText(message);
        feedback.setFill(Themes.current().get(Role.ERROR_TEXT));
        feedback.setX(at.getX() + 12);
        feedback.setY(at.getY() - 8);
        if (!canvas.overlay().getChildren().contains(feedback)) {
            canvas.overlay().getChildren().add(feedback);
        }
        if (linger) {
            hideFeedback.playFromStart();
        } else {
            hideFeedback.stop();
        }
    }

    private void released(MouseEvent e) {
        Point2D p = canvas.toWorld(e.getSceneX(), e.getSceneY());
        switch (mode) {
            case MOVE -> {
                if (moved) {
                    Map<String, Position> to = new HashMap<>();
                    for (String id : origins.keySet()) {
                        NodeView v = canvas.viewOf(id);
                        to.put(id, new Position(v.x(), v.y()));
                    }
                    editor.move(to);
                }
            }
            case CONNECT -> {
                canvas.overlay().getChildren().remove(wire);
                NodeView target = canvas.nodeAt(p);
                if (target != null && !target.model().id().equals(from)) {
                    Optional<String> refusal = editor.connect(from, target.model().id());
                    if (refusal.isPresent()) {
                        showFeedback(refusal.get(), p, true);
                        editor.tell("Cannot connect: " + refusal.get());
                    } else {
                        canvas.overlay().getChildren().remove(feedback);
                    }
                } else {
                    canvas.overlay().getChildren().remove(feedback);
                }
            }
            case RUBBER -> {
                canvas.overlay().getChildren().remove(band);
                if (moved) {
                    selectInBand(e.isShiftDown() || e.isShortcutDown());
                } else {
                    canvas.selection().clear();
                }
            }
            default -> { }
        }
        mode = Mode.NONE;
        e.consume();
    }

    private void selectInBand(boolean add) {
        Set<String> ids = new LinkedHashSet<>(add ? canvas.selection().nodes() : Set.of());
        for (NodeView v : canvas.views().values()) {
            if (v.x() < band.getX() + band.getWidth() && v.x() + NodeView.WIDTH > band.getX()
                    && v.y() < band.getY() + band.getHeight() && v.y() + NodeView.HEIGHT > band.getY()) {
                ids.add(v.model().id());
            }
        }
        canvas.selection().set(ids);
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            NodeView node = boxUnder(e.getPickResult().getIntersectedNode(),
                    canvas.toWorld(e.getSceneX(), e.getSceneY()));
            if (node != null && node.model().composite()) {
                canvas.openBlock(node.model().id());
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown()) {
            canvas.zoomBy(Math.pow(1.1, e.getDeltaY() / 40), e.getX(), e.getY());
        } else {
            canvas.panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }
}
