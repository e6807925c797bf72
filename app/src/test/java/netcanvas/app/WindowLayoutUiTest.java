package netcanvas.app;

import static netcanvas.app.UiWait.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A user on a 1280x720 laptop: training beside the canvas, panels hidden and back, the layout kept between runs. */
class WindowLayoutUiTest extends WindowFixture {

    private void keys(FxRobot robot, KeyCode... combo) {
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1")));
        robot.push(combo);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Keys pressed where the focus is now (the canvas, after a click on it). */
    private static void push(FxRobot robot, KeyCode... combo) {
        robot.push(combo);
        settle();
    }

    @Test
    void at1280x720TheTrainingPanelLeavesAWorkingCanvasAndStartInView(FxRobot robot) {
        resize(robot, 1280, 720);
        keys(robot, KeyCode.CONTROL, KeyCode.T);
        settle();
        assertTrue(window.canvas().getWidth() >= WindowLayout.MIN_CANVAS - 1,
                "canvas " + window.canvas().getWidth() + " px wide");
        Bounds scene = new javafx.geometry.BoundingBox(0, 0, window.scene().getWidth(), window.scene().getHeight());
        var start = window.training().startButton();
        Bounds b = start.localToScene(start.getBoundsInLocal());
        assertTrue(scene.contains(b), "Start is on screen: " + b);
        assertNull(window.palette().getScene() == null ? null : window.palette().getParent() == null ? null
                : "shown", "the palette made room");
        // closing the panel brings the palette back
        keys(robot, KeyCode.CONTROL, KeyCode.T);
        settle();
        assertTrue(window.palette().getScene() != null, "the palette is back");
    }

    @Test
    void panelsHideAndComeBackAtTheWidthTheUserGaveThem(FxRobot robot) {
        double before = window.inspector().getWidth();
        // the user drags the divider left of the inspector 100 px to the left
        javafx.scene.Node divider = robot.lookup("#main-split > .split-pane-divider").queryAll().stream()
                .reduce((a, b) -> b).orElseThrow(); // the last divider: canvas | inspector
        Point2D at = Ui.centre(divider);
        Ui.drag(robot, at, at.add(-100, 0));
        settle();
        double widened = window.inspector().getWidth();
        assertEquals(before + 100, widened, 6, "the drag widened the inspector");
        double canvasWide = window.canvas().getWidth();
        keys(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        settle();
        assertNull(window.inspector().getScene(), "hidden");
        assertTrue(window.canvas().getWidth() > canvasWide + widened - 20, "the canvas took its place");
        keys(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        settle();
        assertEquals(widened, window.inspector().getWidth(), 6, "back at the width the user gave it");
    }

    @Test
    void layoutAndSettingsPersistBetweenRuns(@TempDir Path home, FxRobot robot) {
        Path file = home.resolve("settings.properties");
        Stage[] second = new Stage[1];
        MainWindow[] first = new MainWindow[1];
        robot.interact(() -> {
            second[0] = new Stage();
            first[0] = new MainWindow(second[0], StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.at(file));
            first[0].show();
            second[0].setWidth(1300);
            second[0].setHeight(760);
        });
        settle();
        robot.interact(() -> {
            first[0].status().batch().getValueFactory().setValue(128);
            first[0].status().optimizer().setValue(netcanvas.analysis.Optimizer.SGD);
            first[0].training().settings().set("lr", "0.05");
        });
        robot.interact(() -> first[0].toggleInspectorForTest());
        settle();
        double sceneWidth = second[0].getScene().getWidth();
        double sceneHeight = second[0].getScene().getHeight();
        robot.interact(() -> {
            first[0].rememberSettings(); // what closing the window does
            second[0].close();
        });
        // the next run
        MainWindow[] next = new MainWindow[1];
        robot.interact(() -> {
            Stage s = new Stage();
            next[0] = new MainWindow(s, StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.at(file));
            next[0].show();
            second[0] = s;
        });
        settle();
        assertEquals(sceneWidth, second[0].getScene().getWidth(), 1);
        assertEquals(sceneHeight, second[0].getScene().getHeight(), 1);
        assertEquals(128, next[0].status().batch().getValue());
        assertEquals(netcanvas.analysis.Optimizer.SGD, next[0].status().optimizer().getValue());
        assertEquals("0.05", next[0].training().settings().values().get("lr"));
        assertNull(next[0].inspector().getScene(), "the inspector stays hidden");
        assertFalse(next[0].palette().getScene() == null, "the palette stays shown");
        robot.interact(() -> second[0].close());
    }

    /** Boxes not wholly inside the canvas as it is on screen (a box culled away is outside it). */
    private java.util.List<String> boxesOutOfView() {
        var canvas = window.canvas();
        Bounds view = canvas.localToScene(canvas.getLayoutBounds());
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var v : canvas.views().values()) {
            Bounds b = v.getScene() == null ? null : v.localToScene(v.getLayoutBounds());
            if (b == null || !view.contains(b)) {
                out.add(v.model().id() + (b == null ? " (not drawn)" : " at " + b));
            }
        }
        return out;
    }

    @Test
    void aFittedDiagramStaysFittedAsThePanelOpensClosesAndIsResized(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        settle();
        keys(robot, KeyCode.CONTROL, KeyCode.F); // Fit to View
        assertEquals(java.util.List.of(), boxesOutOfView(), "fitted in the whole window");
        double wide = window.canvas().getWidth();
        keys(robot, KeyCode.CONTROL, KeyCode.T);
        settle();
        assertTrue(window.canvas().getWidth() < wide - 100, "the panel took room: " + window.canvas().getWidth());
        assertEquals(java.util.List.of(), boxesOutOfView(), "still fitted beside the training panel");
        assertFalse(window.canvas().minimap().isVisible(), "everything in view: no minimap over the boxes");
        // the user drags the divider between canvas and panel 120 px to the left: the canvas narrows again
        javafx.scene.Node dock = window.training().getParent();
        javafx.scene.Node divider = robot.lookup(".split-pane-divider").queryAll().stream()
                .filter(d -> d.getParent() instanceof javafx.scene.control.SplitPane sp && sp.getItems().contains(dock))
                .findFirst().orElseThrow();
        double beside = window.canvas().getWidth();
        Point2D at = Ui.centre(divider);
        Ui.drag(robot, at, at.add(-120, 0));
        settle();
        assertTrue(window.canvas().getWidth() < beside - 60, "the drag narrowed the canvas: "
                + window.canvas().getWidth());
        assertEquals(java.util.List.of(), boxesOutOfView(), "still fitted after the divider moved");
        push(robot, KeyCode.CONTROL, KeyCode.T);
        assertEquals(java.util.List.of(), boxesOutOfView(), "fitted again once the panel closed");
        double fittedZoom = window.canvas().zoomFactor();
        // a zoom of the user's own is kept: opening the panel no longer refits
        push(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        double chosen = window.canvas().zoomFactor();
        assertEquals(Math.min(3, fittedZoom * 1.25), chosen, 1e-9, "zoomed in by hand");
        push(robot, KeyCode.CONTROL, KeyCode.T);
        assertEquals(chosen, window.canvas().zoomFactor(), 1e-9, "the user's zoom stays");
        push(robot, KeyCode.CONTROL, KeyCode.T);
    }

    /**
     * A network wider than the canvas at its readable zoom opens at its start, input first (VGG-16 beside the
     * training panel at 1280x720 opened centred across, its first column cut off on the left).
     */
    @Test
    void aNetworkWiderThanTheViewOpensWithItsInputInView(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        settle();
        keys(robot, KeyCode.CONTROL, KeyCode.T);
        settle();
        netcanvas.graph.Network vgg = netcanvas.presets.Presets.load("vgg16");
        robot.interact(() -> window.files().load(vgg, null, false));
        settle();
        var canvas = window.canvas();
        Bounds view = canvas.localToScene(canvas.getLayoutBounds());
        var input = canvas.viewOf("input");
        Bounds b = input.localToScene(input.getLayoutBounds());
        assertTrue(view.contains(b), "the input box " + b + " in the canvas " + view);
    }
}
