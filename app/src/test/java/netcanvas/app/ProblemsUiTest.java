package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import netcanvas.summary.StatusBar;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A user finding every problem of a network at once, and reading the status bar whole at laptop widths. */
class ProblemsUiTest extends WindowFixture {

    @Test
    void statusCountsOpenTheProblemsListWhoseLinksFindTheNode(FxRobot robot) {
        // LeNet-5 as opened has no problems
        assertEquals("0 errors, 0 warnings", ((Labeled) robot.lookup("#status-problems").query()).getText());
        // the user deletes the Output layer ...
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1"))); // the focus on the canvas, for the keys
        robot.interact(() -> window.canvas().selection().set(List.of("output")));
        robot.type(KeyCode.DELETE);
        // ... and types a 40x40 kernel into conv1: 32 - 40 + 1 < 1, no output
        robot.interact(() -> window.canvas().selection().set(List.of("conv1")));
        robot.doubleClickOn("#param-kernel");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("40").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(netcanvas.graph.Hw.of(40),
                ((netcanvas.graph.Conv2d) window.document().network().node("conv1").spec()).kernel());
        Labeled counts = robot.lookup("#status-problems").query();
        assertTrue(counts.getText().startsWith("1 error, 1 warning"), counts.getText());

        robot.interact(() -> window.canvas().selection().clear());
        robot.clickOn(counts);
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup("#lower-tabs").queryAs(TabPane.class);
        assertEquals("tab-problems", tabs.getSelectionModel().getSelectedItem().getId(), "the counts opened it");
        assertEquals("Problems (1 error, 1 warning)", tabs.getSelectionModel().getSelectedItem().getText());
        // the network-level warning is listed, though it belongs to no node
        assertTrue(robot.lookup(".problem-line").queryAll().stream()
                .anyMatch(l -> texts(l).contains("network:") && texts(l).contains("no Output layer")),
                "the missing Output is listed");
        // the error is a link to conv1, listed first
        Node first = robot.lookup(".problem-line").queryAll().iterator().next();
        assertTrue(texts(first).contains("Error"), texts(first));
        Hyperlink link = robot.from(first).lookup(".hyperlink").queryAs(Hyperlink.class);
        assertEquals("conv1", link.getText());
        // move conv1 out of view first, so the link has to bring it back
        robot.interact(() -> window.canvas().panBy(-3000, 0));
        robot.clickOn(link);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("conv1"), window.canvas().selection().nodes());
        Point2D mid = Ui.centre(window.canvas());
        assertTrue(Ui.centre(window.canvas().viewOf("conv1")).distance(mid) < 5, "centred on the canvas");
    }

    @Test
    void statusBarNeverClipsAtLaptopWidthsAndExplainsEachFigure(FxRobot robot) {
        robot.interact(() -> window.files().load(Nets.resnet50(), null, false));
        for (double width : new double[] {1400, 1280}) {
            robot.interact(() -> stage.setWidth(width));
            WaitForAsyncUtils.waitForFxEvents();
            StatusBar bar = window.status();
            assertEquals(width, bar.getWidth(), 1, "the bar spans the window");
            Bounds whole = bar.localToScene(bar.getBoundsInLocal());
            for (Node item : bar.getChildren()) {
                if (item.getId() != null && item.getId().equals("status-message") || !item.isVisible()) {
                    continue;
                }
                Bounds b = item.localToScene(item.getBoundsInLocal());
                assertTrue(b.getMaxX() <= whole.getMaxX() + 0.5, item + " ends inside the bar at " + width);
                if (item instanceof Labeled l) {
                    Text shown = (Text) l.lookup(".text");
                    assertEquals(l.getText(), shown.getText(), "shown whole at " + width + " px");
                    assertNotNull(l.getTooltip(), "tooltip of " + l.getText());
                    assertFalse(l.getTooltip().getText().isBlank(), "tooltip of " + l.getText());
                }
            }
        }
        Labeled params = robot.lookup("#status-params").query();
        assertEquals("Params: 25,557,032", params.getText());
        // torchvision's resnet50: 53,120 BatchNorm running statistics (mean and var of 26,560 channels)
        assertTrue(params.getTooltip().getText().contains("53,120 BatchNorm running statistics"),
                params.getTooltip().getText());
        assertTrue(((Labeled) robot.lookup("#status-macs").query()).getTooltip().getText()
                .contains("4,089,184,256"));
    }

    @Test
    void aNoteIsClearedByTheNextEdit(FxRobot robot) {
        robot.interact(() -> window.status().tell("Exported lenet5.png"));
        assertEquals("Exported lenet5.png", window.status().message());
        robot.interact(() -> window.canvas().selection().set(List.of("relu4")));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", window.status().message(), "the note was about the network before the edit");
    }

    @Test
    void aRefusedConnectionIsShownOverTheCanvas(FxRobot robot) {
        // relu1 is downstream of conv1: relu1 -> conv1 would be a cycle
        Ui.drag(robot, Ui.outPort(window.canvas().viewOf("relu1")), Ui.body(window.canvas().viewOf("conv1")));
        WaitForAsyncUtils.waitForFxEvents();
        Labeled notice = robot.lookup("#notice").query();
        assertTrue(notice.isVisible(), "the refusal is shown over the canvas");
        assertTrue(notice.getText().contains("cycle"), notice.getText());
        Bounds canvas = window.canvas().localToScreen(window.canvas().getBoundsInLocal());
        Bounds shown = notice.localToScreen(notice.getBoundsInLocal());
        assertTrue(canvas.contains(shown.getCenterX(), shown.getCenterY()), "over the canvas, not at the window edge");
        robot.clickOn(notice);
        assertFalse(notice.isVisible(), "a click dismisses it");
    }

    private static String texts(Node n) {
        StringBuilder s = new StringBuilder();
        if (n instanceof Labeled l) {
            s.append(l.getText()).append(' ');
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                s.append(texts(c));
            }
        }
        return s.toString();
    }
}
