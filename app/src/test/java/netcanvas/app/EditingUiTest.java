package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import netcanvas.canvas.NodeView;
import netcanvas.graph.Conv2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A user building a network with the mouse and the keyboard. */
@ExtendWith(ApplicationExtension.class)
class EditingUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    private NodeView view(String id) {
        return window.canvas().viewOf(id);
    }

    /** File > New by keyboard, then drag a palette entry to a point below the Input. */
    private String newAndDrop(FxRobot robot, String kind, double right, double below) {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("input"), window.document().network().nodes().stream().map(n -> n.id()).toList());
        return drop(robot, kind, Ui.centre(view("input")).add(right, below));
    }

    private String drop(FxRobot robot, String kind, Point2D at) {
        int before = window.document().network().nodes().size();
        Ui.drag(robot, Ui.centre(robot.lookup("#palette-" + kind).query()), at);
        WaitForAsyncUtils.waitForFxEvents();
        var nodes = window.document().network().nodes();
        assertEquals(before + 1, nodes.size(), "the drop added one node");
        return nodes.get(nodes.size() - 1).id();
    }

    private void connect(FxRobot robot, String from, String to) {
        Ui.drag(robot, Ui.outPort(view(from)), Ui.body(view(to)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void dragConvFromPaletteConnectItAndReadItsShape(FxRobot robot) {
        String conv = newAndDrop(robot, "conv2d", 0, 160);
        assertEquals("conv2d", conv);
        assertEquals("\u2192 ?", view(conv).shapeText(), "not connected yet");
        connect(robot, "input", conv);
        assertEquals(List.of("input"), window.document().network().node(conv).inputs());
        // default Conv2d: 64 filters of 3x3, stride 1, no padding on 3x224x224: 224 - 3 + 1 = 222
        assertEquals("\u2192 64x222x222", view(conv).shapeText());
        assertEquals("3x224x224", window.canvas().edgeBetween("input", conv).labelText());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("\u2192 ?", view(conv).shapeText(), "undo removed the edge");
        assertNull(window.canvas().edgeBetween("input", conv));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(view(conv), "undo removed the node");

        for (int i = 0; i < 2; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT,
                    KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals("\u2192 64x222x222", view(conv).shapeText(), "redo brought node and edge back");
    }

    @Test
    void addWithUnequalInputsShowsABadge(FxRobot robot) {
        String conv = newAndDrop(robot, "conv2d", -130, 110);
        connect(robot, "input", conv);
        String add = drop(robot, "add", Ui.centre(view("input")).add(130, 220));
        connect(robot, "input", add);
        connect(robot, conv, add);
        assertEquals(List.of("input", conv), window.document().network().node(add).inputs());
        String badge = view(add).badgeMessage();
        assertNotNull(badge, "the Add has a badge");
        // 3x224x224 (the input) against 64x222x222 (the convolution)
        assertTrue(badge.contains("3x224x224") && badge.contains("64x222x222"), badge);
        assertTrue(view(add).badge().isVisible());
        assertEquals("\u2192 ?", view(add).shapeText());
    }

    @Test
    void refusedConnectionsSayWhy(FxRobot robot) {
        // LeNet-5 is open: relu1 is downstream of conv1, so relu1 -> conv1 would be a cycle
        connect(robot, "relu1", "conv1");
        Text feedback = robot.lookup("#connect-feedback").query();
        assertTrue(feedback.getText().contains("cycle"), feedback.getText());
        assertEquals(List.of("input"), window.document().network().node("conv1").inputs(), "nothing changed");
        // conv2 already has pool1 as its one input
        connect(robot, "input", "conv2");
        assertTrue(feedback.getText().contains("takes one input"), feedback.getText());
    }

    @Test
    void inspectorValidatesAsYouTypeAndCommitsOnEnter(FxRobot robot) {
        robot.clickOn(Ui.body(view("conv1")));
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn("#param-outChannels");
        robot.write("abc");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label problem = robot.lookup("#inspector-problem").query();
        assertTrue(problem.getText().contains("not a number"), problem.getText());
        assertTrue(robot.lookup("#param-outChannels").query().getStyle().contains("-nc-error"), "field is red");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(problem.getText().contains("must be from 1 to"), problem.getText());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("20").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", problem.getText());
        assertEquals(20, ((Conv2d) window.document().network().node("conv1").spec()).outChannels());
        // 32 - 5 + 1 = 28
        assertEquals("\u2192 20x28x28", view("conv1").shapeText());
        assertEquals("Edit conv1", window.document().undoName());

        robot.doubleClickOn("#inspector-id");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("stem").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("stem"), window.document().network().node("relu1").inputs(), "edges follow the id");
        assertEquals("stem  \u00b7  Conv2d", view("stem").titleText());
    }

    @Test
    void deleteCopyPasteAndDuplicate(FxRobot robot) {
        robot.clickOn(Ui.body(view("fc1")));
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.document().network().node("fc1_2"), "pasted copy");
        assertEquals(List.of(), window.document().network().node("fc1_2").inputs());
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.document().network().node("fc1_3"), "duplicate of the pasted copy");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(window.document().network().node("fc1_3"));
        // relu4 is below the visible part: pick it in the summary table, which selects and centres it
        robot.interact(() -> window.summary().scrollTo(window.summary().getRoot().getChildren()
                .indexOf(window.summary().itemOf("relu4"))));
        robot.clickOn(robot.lookup(".tree-table-cell").match(LabeledMatchers.hasText("relu4"))
                .queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.Set.of("relu4"), window.canvas().selection().nodes());
        Point2D mid = Ui.centre(window.canvas());
        assertTrue(Ui.centre(view("relu4")).distance(mid) < 5, "centred on the canvas");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), window.document().network().node("fc3").inputs(), "relu4 and its edges went");
        assertTrue(view("fc3").badgeMessage() != null, "fc3 now lacks an input");
    }
}
