package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A user adding layers from the palette by keyboard and mouse, redoing with Ctrl+Y, and finding their way. */
@ExtendWith(ApplicationExtension.class)
class AddAndNavigateUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    private Node node(String id) {
        return window.document().network().node(id);
    }

    private void key(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void ctrlYRedoes(FxRobot robot) {
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1")));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(node("conv1"));
        key(robot, KeyCode.CONTROL, KeyCode.Z);
        assertNotNull(node("conv1"), "undone");
        key(robot, KeyCode.CONTROL, KeyCode.Y);
        assertNull(node("conv1"), "Ctrl+Y redid the delete");
        assertTrue(window.shortcutTable().contains("Ctrl+Y"), window.shortcutTable());
    }

    @Test
    void searchFiltersThePaletteAndEnterInsertsAfterTheSelectedLayer(FxRobot robot) {
        double relu1Y = node("relu1").position().y();
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1")));
        key(robot, KeyCode.CONTROL, KeyCode.K);
        robot.write("batch");
        WaitForAsyncUtils.waitForFxEvents();
        Label bn = robot.lookup("#palette-batchnorm").query();
        assertTrue(bn.isVisible() && bn.getParent().getParent().getParent().isVisible(), "BatchNorm is listed");
        for (String other : List.of("conv2d", "relu", "maxpool2d", "dense", "output")) {
            assertFalse(robot.lookup("#palette-" + other).query().isVisible(), other + " is filtered out");
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        // wired between conv1 and relu1, in one undo step
        assertEquals(List.of("conv1"), node("batchnorm").inputs());
        assertEquals(List.of("batchnorm"), node("relu1").inputs());
        assertEquals("Insert BatchNorm after conv1", window.document().undoName());
        assertEquals(Set.of("batchnorm"), window.canvas().selection().nodes());
        // conv1 gives 6x28x28 (32 - 5 + 1), which BatchNorm keeps
        assertEquals("\u2192 6x28x28", window.canvas().viewOf("batchnorm").shapeText());
        // one row below conv1 (box 72 + gap 44), and relu1 moved down a row to make room: no boxes stacked
        assertEquals(node("conv1").position().y() + 116, node("batchnorm").position().y());
        assertEquals(node("conv1").position().x(), node("batchnorm").position().x());
        assertEquals(relu1Y + 116, node("relu1").position().y());

        robot.clickOn(Ui.body(window.canvas().viewOf("batchnorm")));
        key(robot, KeyCode.CONTROL, KeyCode.Z);
        assertNull(node("batchnorm"));
        assertEquals(List.of("conv1"), node("relu1").inputs(), "one undo restores the edge");
        assertEquals(relu1Y, node("relu1").position().y(), "and the position");

        // Escape clears the search: every entry is back
        robot.clickOn("#palette-search");
        robot.type(KeyCode.ESCAPE);
        assertTrue(robot.lookup("#palette-conv2d").query().isVisible());
    }

    @Test
    void doubleClickWithNothingSelectedDoesNotStackBoxes(FxRobot robot) {
        robot.interact(() -> window.canvas().selection().clear());
        robot.clickOn("#palette-search").write("relu");
        robot.doubleClickOn("#palette-relu");
        robot.doubleClickOn("#palette-relu");
        WaitForAsyncUtils.waitForFxEvents();
        Node a = node("relu");
        Node b = node("relu_2");
        String ids = window.document().network().nodes().stream().map(Node::id).toList().toString();
        assertNotNull(a, ids);
        assertNotNull(b, ids);
        for (Node n : window.document().network().nodes()) {
            for (Node m : List.of(a, b)) {
                if (n != m) {
                    boolean overlap = Math.abs(n.position().x() - m.position().x()) < 210
                            && Math.abs(n.position().y() - m.position().y()) < 72;
                    assertFalse(overlap, m.id() + " lies on " + n.id());
                }
            }
        }
    }

    private static int boxesInView(netcanvas.canvas.CanvasView canvas, Bounds view) {
        int n = 0;
        for (var v : canvas.views().values()) {
            Bounds b = v.getScene() == null ? null : v.localToScreen(v.getBoundsInLocal());
            if (b != null && view.contains(b.getCenterX(), b.getCenterY())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void zoomIndicatorAndMinimap(FxRobot robot) {
        var canvas = window.canvas();
        robot.clickOn(canvas.zoomIndicator());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, canvas.zoomFactor(), 1e-9);
        assertEquals("100 %", canvas.zoomIndicator().getText());
        robot.clickOn(Ui.body(canvas.viewOf("conv1")));
        key(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        assertEquals("125 %", canvas.zoomIndicator().getText());

        // the user scrolls far away from the network: the minimap shows, and a press in its middle brings it back
        robot.interact(() -> canvas.panBy(-4000, -4000));
        Bounds view = canvas.localToScreen(canvas.getBoundsInLocal());
        assertEquals(0, boxesInView(canvas, view), "nothing in view");
        assertTrue(canvas.minimap().isVisible(), "the network is not all in view");
        Bounds map = canvas.minimap().localToScreen(canvas.minimap().getBoundsInLocal());
        robot.clickOn(map.getCenterX(), map.getCenterY());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(boxesInView(canvas, view) >= 3, "the press moved the view to the network");
        assertTrue(canvas.selection().nodes().contains("conv1"), "a press on the map is not a press on the canvas");

        key(robot, KeyCode.CONTROL, KeyCode.F);
        assertFalse(canvas.minimap().isVisible(), "fitted, everything is in view: no minimap");
    }
}
