package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.canvas.EdgeView;
import netcanvas.canvas.NodeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Selecting, moving, disconnecting and zooming with the mouse on LeNet-5. */
@ExtendWith(ApplicationExtension.class)
class CanvasGesturesUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    private NodeView view(String id) {
        return window.canvas().viewOf(id);
    }

    /** The screen point halfway along the edge's last (vertical) segment. */
    private Point2D onEdge(EdgeView e) {
        List<Double> p = e.points();
        int n = p.size();
        Point2D a = e.localToScreen(p.get(n - 4), p.get(n - 3));
        Point2D b = e.localToScreen(p.get(n - 2), p.get(n - 1));
        return a.midpoint(b);
    }

    @Test
    void clickAnEdgeAndDeleteDisconnects(FxRobot robot) {
        robot.clickOn(onEdge(window.canvas().edgeBetween("conv1", "relu1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.canvas().selection().edges().size());
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), window.document().network().node("relu1").inputs());
        assertEquals("Disconnect conv1 from relu1", window.document().undoName());
    }

    @Test
    void rubberBandSelectsAndOneDragMovesThemAll(FxRobot robot) {
        var a = view("input").localToScreen(view("input").getBoundsInLocal());
        var b = view("conv1").localToScreen(view("conv1").getBoundsInLocal());
        // from empty canvas left of and above the input, to below the right edge of conv1
        Ui.drag(robot, new Point2D(a.getMinX() - 15, a.getMinY() - 15), new Point2D(b.getMaxX() + 5,
                b.getMaxY() - 5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("input", "conv1"), window.canvas().selection().nodes());
        var x0 = window.document().network().node("input").position().x();
        var c0 = window.document().network().node("conv1").position().x();
        Ui.drag(robot, Ui.body(view("conv1")), Ui.body(view("conv1")).add(60, 0));
        WaitForAsyncUtils.waitForFxEvents();
        double dx = 60 / window.canvas().zoomFactor();
        assertEquals(x0 + dx, window.document().network().node("input").position().x(), 2);
        assertEquals(c0 + dx, window.document().network().node("conv1").position().x(), 2);
        assertEquals("Move 2 nodes", window.document().undoName(), "one command for the whole drag");
    }

    @Test
    void ctrlWheelZoomsAroundTheMouse(FxRobot robot) {
        double z0 = window.canvas().zoomFactor();
        Point2D at = Ui.centre(view("conv1"));
        robot.moveTo(at);
        robot.press(KeyCode.CONTROL).scroll(3, VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.canvas().zoomFactor() != z0, "zoom changed");
        assertTrue(Ui.centre(view("conv1")).distance(at) < 3, "the point under the mouse stays put");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.canvas().zoomFactor() <= 1.0);
    }

    @Test
    void aPaletteDropOutsideTheCanvasAddsNothing(FxRobot robot) {
        int n = window.document().network().nodes().size();
        Ui.drag(robot, Ui.centre(robot.lookup("#palette-relu").query()),
                Ui.centre(robot.lookup("#summary-table").query()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(n, window.document().network().nodes().size());
    }
}
