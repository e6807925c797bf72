package netcanvas.app;

import static netcanvas.app.UiWait.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import netcanvas.canvas.CanvasView;
import netcanvas.canvas.NodeView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The minimap never hides what the user works on: it keeps to a corner of the canvas where no box is and steps aside
 * where there is none, it is left out of a canvas too small to spare its room, and the user can hide it (the "Hide map"
 * button), a choice the next run remembers.
 */
@ExtendWith(ApplicationExtension.class)
class MinimapUiTest {
    private MainWindow window;
    private Stage stage;
    private double[] sizeBefore;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage);
        window.show();
        sizeBefore = new double[] {stage.getWidth(), stage.getHeight()};
    }

    @AfterEach
    void restoreSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(sizeBefore[0]);
            stage.setHeight(sizeBefore[1]);
        });
    }

    private void resize(FxRobot robot, Stage s, double w, double h) {
        robot.interact(() -> {
            s.setWidth(w);
            s.setHeight(h);
        });
        settle();
    }

    /** Whether the node is shown: it and every parent visible, in a scene. */
    static boolean shown(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** The boxes the minimap, the zoom indicator or the map's button lie over, by id (none when they are hidden). */
    static List<String> boxesUnderTheMap(CanvasView canvas) {
        List<String> under = new ArrayList<>();
        for (javafx.scene.layout.Region r : List.of(canvas.minimap(), canvas.zoomIndicator(), canvas.minimapToggle())) {
            if (!shown(r)) {
                continue;
            }
            Bounds m = r.localToScene(r.getLayoutBounds());
            for (NodeView v : canvas.views().values()) {
                // culling keeps every box near the view drawn: one not drawn lies far outside it
                if (v.getScene() != null && v.localToScene(v.getBoundsInLocal()).intersects(m)) {
                    under.add(r.getId() + " over " + v.model().id());
                }
            }
        }
        return under;
    }

    /**
     * A point of the canvas, on screen, where neither a box nor the minimap is, from which a move by (dx, dy) stays on
     * the screen (to scroll or pan from).
     */
    private static Point2D emptyPoint(CanvasView canvas, double dx, double dy) {
        Bounds c = canvas.localToScreen(canvas.getLayoutBounds());
        List<Bounds> corner = new ArrayList<>();
        for (javafx.scene.layout.Region r : List.of(canvas.minimap(), canvas.zoomIndicator(), canvas.minimapToggle())) {
            corner.add(r.localToScreen(r.getLayoutBounds()));
        }
        var screen = javafx.stage.Screen.getPrimary().getBounds();
        for (double fy = 0.1; fy < 0.95; fy += 0.1) {
            for (double fx = 0.05; fx < 0.95; fx += 0.05) {
                Point2D p = new Point2D(c.getMinX() + c.getWidth() * fx, c.getMinY() + c.getHeight() * fy);
                Point2D scene = canvas.localToScene(canvas.screenToLocal(p));
                boolean reachable = screen.contains(p.getX(), p.getY())
                        && screen.contains(p.getX() + dx, p.getY() + dy);
                if (reachable && canvas.nodeAt(canvas.toWorld(scene.getX(), scene.getY())) == null
                        && corner.stream().noneMatch(b -> b != null && b.contains(p))) {
                    return p;
                }
            }
        }
        throw new AssertionError("no empty point on the canvas for a move by " + dx + ", " + dy);
    }

    private static Point2D emptyPoint(CanvasView canvas) {
        return emptyPoint(canvas, 0, 0);
    }

    /** A pan as the user makes it: the middle button dragged across the canvas (in strokes of at most 300 px). */
    private static void pan(FxRobot robot, CanvasView canvas, double dx, double dy) {
        int strokes = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)) / 300);
        for (int i = 0; i < strokes; i++) {
            double sx = dx / strokes;
            double sy = dy / strokes;
            Point2D[] from = new Point2D[1];
            robot.interact(() -> from[0] = emptyPoint(canvas, sx, sy));
            robot.moveTo(from[0]);
            robot.press(MouseButton.MIDDLE);
            robot.moveTo(from[0].add(sx / 2, sy / 2));
            robot.moveTo(from[0].add(sx, sy));
            robot.release(MouseButton.MIDDLE);
            settle();
        }
    }

    /**
     * The user scrolls down the network and sideways, and at every stop the minimap covers no box. Returns at how many
     * stops the map was shown.
     */
    private int sweep(FxRobot robot, String where) {
        CanvasView canvas = window.canvas();
        int shown = 0;
        List<String> failures = new ArrayList<>();
        for (int step = 0; step < 24; step++) {
            if (step % 8 == 4) {
                pan(robot, canvas, step % 16 == 4 ? -260 : 520, 0);
            } else {
                robot.moveTo(emptyPoint(canvas));
                robot.scroll(3, VerticalDirection.DOWN);
                settle();
            }
            List<String> under = new ArrayList<>();
            boolean[] visible = new boolean[1];
            robot.interact(() -> {
                under.addAll(boxesUnderTheMap(canvas));
                visible[0] = shown(canvas.minimap());
            });
            if (!under.isEmpty()) {
                failures.add("stop " + step + ": the map covers " + under);
            }
            shown += visible[0] ? 1 : 0;
        }
        assertEquals(List.of(), failures, where);
        return shown;
    }

    /** A plain network of 34 layers in one column, as tall as a VGG unwrapped (placed, so no auto-layout moves it). */
    static netcanvas.graph.Network tallColumn() {
        var b = new netcanvas.graph.NetBuilder("tall").input(1, 32, 32);
        for (int i = 1; i <= 15; i++) {
            b = b.then("conv" + i, netcanvas.graph.Conv2d.of(8, 3, 1, 1, true)).then("relu" + i,
                    new netcanvas.graph.ReLU());
        }
        var chain = b.then("pool", new netcanvas.graph.GlobalAvgPool()).then("fc", new netcanvas.graph.Dense(10, true))
                .then("output", new netcanvas.graph.Output()).build();
        List<netcanvas.graph.Node> placed = new ArrayList<>();
        for (var n : chain.nodes()) {
            placed.add(n.withPosition(new netcanvas.graph.Node.Position(12, 72 + 116 * placed.size())));
        }
        return new netcanvas.graph.Network(chain.name(), placed);
    }

    private void openTall(FxRobot robot) {
        robot.interact(() -> window.files().load(tallColumn(), null, false));
        settle();
        boolean[] larger = new boolean[1];
        robot.interact(() -> {
            CanvasView canvas = window.canvas();
            Bounds view = canvas.localToScene(canvas.getLayoutBounds());
            larger[0] = canvas.views().values().stream()
                    .anyMatch(v -> v.getScene() == null || !view.contains(v.localToScene(v.getBoundsInLocal())));
        });
        assertTrue(larger[0], "34 boxes in a column are taller than the view at a readable zoom");
    }

    @Test
    void theMinimapCoversNoBoxWhereverTheViewIs(FxRobot robot) throws Exception {
        // the real window at 1280x720 with the training panel open: a canvas of about 600 x 420 px
        resize(robot, stage, 1280, 720);
        openTall(robot);
        robot.clickOn(window.canvas());
        robot.push(KeyCode.CONTROL, KeyCode.T);
        settle();
        assertTrue(window.canvas().getWidth() < 700, "canvas " + window.canvas().getWidth());
        int small = sweep(robot, "1280x720 with the training panel");
        // LeNet-5's three columns, zoomed in by the user past the view's size
        robot.interact(() -> window.files().load(StartNetwork.lenet5(), null, false));
        settle();
        robot.push(KeyCode.CONTROL, KeyCode.F);
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        settle();
        small += sweep(robot, "LeNet-5 zoomed in at 1280x720 with the training panel");
        robot.push(KeyCode.CONTROL, KeyCode.T);
        settle();
        // a large window: the map has room, and shows wherever a corner is free of boxes
        resize(robot, stage, 1500, 940);
        openTall(robot);
        int large = sweep(robot, "1500x940");
        System.out.println("minimap shown at " + small + " of 48 stops at 1280x720 (panel open), " + large
                + " of 24 at 1500x940");
        assertTrue(large > 0, "the map is shown where it has room");
    }

    /**
     * A box of the network's main column (where most boxes in view line up, so that its boxes fill the view's height)
     * nearest the middle of the view.
     */
    private static NodeView mainColumnBox(FxRobot robot, CanvasView canvas) {
        NodeView[] best = new NodeView[1];
        robot.interact(() -> {
            Bounds view = canvas.localToScene(canvas.getLayoutBounds());
            java.util.Map<Long, Integer> columns = new java.util.HashMap<>();
            for (NodeView v : canvas.views().values()) {
                if (v.getScene() != null) {
                    columns.merge(Math.round(v.localToScene(v.getBoundsInLocal()).getCenterX() / 40), 1,
                            Integer::sum);
                }
            }
            long column = columns.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow()
                    .getKey();
            double nearest = Double.MAX_VALUE;
            for (NodeView v : canvas.views().values()) {
                if (v.getScene() != null) {
                    Bounds b = v.localToScene(v.getBoundsInLocal());
                    double d = Math.abs(b.getCenterY() - view.getCenterY());
                    if (Math.round(b.getCenterX() / 40) == column && d < nearest) {
                        nearest = d;
                        best[0] = v;
                    }
                }
            }
        });
        return best[0];
    }

    /** Pans so that the box's centre comes to this fraction of the canvas's width. */
    private static void bringTo(FxRobot robot, CanvasView canvas, NodeView box, double fraction) {
        double[] dx = new double[1];
        robot.interact(() -> {
            Bounds view = canvas.localToScene(canvas.getLayoutBounds());
            dx[0] = view.getMinX() + view.getWidth() * fraction - box.localToScene(box.getBoundsInLocal()).getCenterX();
        });
        pan(robot, canvas, dx[0], 0);
    }

    /** The map's centre as a fraction of the canvas's width, or NaN when it is hidden. */
    private static double mapAt(FxRobot robot, CanvasView canvas) {
        double[] at = new double[1];
        robot.interact(() -> {
            Bounds m = canvas.minimap().localToScene(canvas.minimap().getLayoutBounds());
            Bounds view = canvas.localToScene(canvas.getLayoutBounds());
            at[0] = shown(canvas.minimap()) ? (m.getCenterX() - view.getMinX()) / view.getWidth() : Double.NaN;
        });
        return at[0];
    }

    @Test
    void theMapTakesACornerFreeOfBoxesOrStepsAside(FxRobot robot) throws Exception {
        resize(robot, stage, 1500, 940);
        openTall(robot);
        CanvasView canvas = window.canvas();
        robot.clickOn(canvas);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0); // actual size
        settle();
        robot.moveTo(emptyPoint(canvas));
        robot.scroll(10, VerticalDirection.DOWN); // into the middle of the network: its column fills the height
        settle();
        NodeView box = mainColumnBox(robot, canvas);
        // the user drags the network to the right edge, over the map's corner: the map goes to the left
        bringTo(robot, canvas, box, 0.93);
        double at = mapAt(robot, canvas);
        assertTrue(at < 0.5, "the map on the left, away from the boxes: at " + at + " of the width");
        List<String> under = new ArrayList<>();
        robot.interact(() -> under.addAll(boxesUnderTheMap(canvas)));
        assertEquals(List.of(), under);
        // and to the left edge: the map comes back to the right
        bringTo(robot, canvas, box, 0.07);
        at = mapAt(robot, canvas);
        assertTrue(at > 0.5, "the map on the right: at " + at + " of the width");
        robot.interact(() -> under.addAll(boxesUnderTheMap(canvas)));
        assertEquals(List.of(), under);
        // 1280x720 with the training panel, zoomed in on one box: boxes reach every corner, so the map steps aside
        resize(robot, stage, 1280, 720);
        robot.push(KeyCode.CONTROL, KeyCode.T);
        settle();
        for (int i = 0; i < 6; i++) {
            robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        }
        robot.interact(() -> canvas.centerOn(box.model().id())); // as a click on its line in Problems does
        settle();
        assertEquals(CanvasView.MAX_ZOOM, canvas.zoomFactor(), 1e-9);
        assertTrue(Double.isNaN(mapAt(robot, canvas)), "no corner is free: the map is hidden");
        robot.interact(() -> under.addAll(boxesUnderTheMap(canvas)));
        assertEquals(List.of(), under, "the zoom indicator, where it is shown, covers no box either");
        robot.push(KeyCode.CONTROL, KeyCode.T);
        settle();
    }

    @Test
    void aSmallCanvasLeavesTheMapOutAndALargeOneShowsIt(FxRobot robot) {
        CanvasView canvas = window.canvas();
        resize(robot, stage, 1400, 900);
        // the user scrolls far below the network: nothing in view, every corner free
        for (int i = 0; i < 6; i++) {
            robot.moveTo(emptyPoint(canvas));
            robot.scroll(25, VerticalDirection.DOWN);
        }
        settle();
        assertTrue(shown(canvas.minimap()), "the network is out of view: the map shows the way back");
        // a window so small that the map would take a large part of the canvas
        resize(robot, stage, 760, 420);
        assertTrue(canvas.getWidth() < 3 * 170 || canvas.getHeight() < 3 * 120,
                "canvas " + canvas.getWidth() + " x " + canvas.getHeight());
        assertFalse(shown(canvas.minimap()), "left out of a small canvas");
        assertTrue(shown(canvas.zoomIndicator()), "the zoom stays shown: nothing is under it");
        resize(robot, stage, 1400, 900);
        assertTrue(shown(canvas.minimap()), "back with the room");
    }

    @Test
    void theUserHidesTheMapAndTheNextRunRemembers(@TempDir Path home, FxRobot robot) {
        Path file = home.resolve("settings.properties");
        Stage[] stages = new Stage[1];
        MainWindow[] first = new MainWindow[1];
        robot.interact(() -> {
            stages[0] = new Stage();
            first[0] = new MainWindow(stages[0], StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.at(file));
            first[0].show();
            stages[0].setWidth(1400);
            stages[0].setHeight(900);
        });
        settle();
        CanvasView canvas = first[0].canvas();
        scrollAway(robot, canvas);
        assertTrue(shown(canvas.minimap()), "shown while the network is out of view");
        robot.clickOn(canvas.minimapToggle());
        settle();
        assertFalse(shown(canvas.minimap()), "hidden by the user");
        assertFalse(canvas.minimapToggle().isSelected());
        robot.interact(() -> {
            first[0].rememberSettings(); // what closing the window does
            stages[0].close();
        });
        MainWindow[] next = new MainWindow[1];
        robot.interact(() -> {
            stages[0] = new Stage();
            next[0] = new MainWindow(stages[0], StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.at(file));
            next[0].show();
        });
        settle();
        CanvasView again = next[0].canvas();
        scrollAway(robot, again);
        assertFalse(shown(again.minimap()), "still hidden in the next run");
        assertTrue(shown(again.minimapToggle()), "its button is there to bring it back");
        robot.clickOn(again.minimapToggle());
        settle();
        assertTrue(shown(again.minimap()), "shown again");
        // Ctrl+M (View › Show/Hide Minimap) does the same
        robot.push(KeyCode.CONTROL, KeyCode.M);
        settle();
        assertFalse(shown(again.minimap()), "hidden with Ctrl+M");
        robot.interact(() -> stages[0].close());
    }

    private static void scrollAway(FxRobot robot, CanvasView canvas) {
        for (int i = 0; i < 6; i++) {
            robot.moveTo(emptyPoint(canvas));
            robot.scroll(25, VerticalDirection.DOWN);
        }
        settle();
    }
}
