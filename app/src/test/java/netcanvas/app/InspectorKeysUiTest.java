package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Hw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A user editing parameters with the keyboard only, and several layers of one kind at once. */
@ExtendWith(ApplicationExtension.class)
class InspectorKeysUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    private Conv2d conv(String id) {
        return (Conv2d) window.document().network().node(id).spec();
    }

    private String focused() {
        var owner = window.scene().getFocusOwner();
        return owner == null ? null : owner.getId();
    }

    @Test
    void tabAppliesAndMovesToTheNextFieldNeverToTheCanvas(FxRobot robot) {
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1")));
        robot.doubleClickOn("#param-outChannels");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("20").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(20, conv("conv1").outChannels(), "Tab applied the value");
        assertEquals("param-kernel", focused(), "and moved to the next field");
        robot.write("3").type(KeyCode.TAB); // the field's text is selected: typing replaces it
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Hw.of(3), conv("conv1").kernel());
        assertEquals("param-stride", focused());
        // 32 - 3 + 1 = 30
        assertEquals("\u2192 20x30x30", window.canvas().viewOf("conv1").shapeText());
        // Ctrl+A now selects the field's text, not every node
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("conv1"), window.canvas().selection().nodes());
        // Shift+Tab goes back
        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("param-kernel", focused());
        // an invalid value keeps the focus until it is fixed
        robot.write("0").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("param-kernel", focused());
        assertEquals(Hw.of(3), conv("conv1").kernel(), "nothing applied");
    }

    @Test
    void severalLayersOfOneKindShareAnEditAsOneUndoStep(FxRobot robot) {
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1")));
        robot.press(KeyCode.SHIFT).clickOn(Ui.body(window.canvas().viewOf("conv2"))).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("conv1", "conv2"), window.canvas().selection().nodes());
        assertEquals("2 \u00d7 Conv2d", robot.lookup("#inspector-heading").queryLabeled().getText());
        robot.doubleClickOn("#param-padding");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("2").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("2", conv("conv1").padding().toString());
        assertEquals("2", conv("conv2").padding().toString());
        // each keeps its own other parameters: 6 and 16 filters, as LeNet-5 has
        assertEquals(6, conv("conv1").outChannels());
        assertEquals(16, conv("conv2").outChannels());
        // conv1: 32 + 4 - 5 + 1 = 32; pool1 halves it to 16; conv2: 16 + 4 - 5 + 1 = 16
        assertEquals("\u2192 6x32x32", window.canvas().viewOf("conv1").shapeText());
        assertEquals("\u2192 16x16x16", window.canvas().viewOf("conv2").shapeText());
        robot.clickOn(Ui.body(window.canvas().viewOf("relu1")));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("0", conv("conv1").padding().toString(), "one undo step for both");
        assertEquals("0", conv("conv2").padding().toString());
        assertTrue(window.document().canRedo());
    }
    /**
     * With two layers selected at 1280x720, the training panel open, the inspector says, whole, that a value goes to both (the real window
     * drew "Editing 2 layers: a value entered is s...").
     */
    @Test
    void theNoteOnEditingSeveralLayersIsShownWholeAt1280x720(FxRobot robot) {
        double[] before = {window.scene().getWindow().getWidth(), window.scene().getWindow().getHeight()};
        robot.interact(() -> {
            // the window a 1280x720 screen opens (95 % x 92 %)
            window.scene().getWindow().setWidth(1216);
            window.scene().getWindow().setHeight(663);
            window.toggleTraining(); // as a user who trains opens it
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.canvas().selection().set(java.util.List.of("conv1", "conv2")));
        WaitForAsyncUtils.waitForFxEvents();
        String[] shown = new String[2];
        robot.interact(() -> {
            var facts = (javafx.scene.control.Label) window.scene().lookup("#inspector-facts");
            shown[0] = facts.getText();
            shown[1] = TrainingDockUiTest.drawn(facts);
        });
        try {
            assertEquals("Editing 2 layers: a value entered is set on all of them (conv1, conv2).", shown[0]);
            assertEquals(shown[0], shown[1], "drawn whole");
        } finally {
            robot.interact(() -> {
                window.canvas().selection().clear();
                window.toggleTraining();
                window.scene().getWindow().setWidth(before[0]);
                window.scene().getWindow().setHeight(before[1]);
            });
        }
    }
    /**
     * A stage selected: its repeat and its block's parameters are in view together (the sheet's sections were an
     * accordion, so the block's stood collapsed under "Block: Residual bottleneck" and opening it closed Repeat).
     */
    @Test
    void aStagesRepeatAndItsBlocksParametersAreShownTogether(FxRobot robot) {
        double[] before = {window.scene().getWindow().getWidth(), window.scene().getWindow().getHeight()};
        robot.interact(() -> {
            window.scene().getWindow().setWidth(1280);
            window.scene().getWindow().setHeight(720);
            window.files().load(Nets.resnet50(), null, false);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.canvas().selection().set(java.util.List.of("layer1")));
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> hidden = new java.util.ArrayList<>();
        java.util.List<String> fields = new java.util.ArrayList<>();
        robot.interact(() -> {
            var sheet = window.inspector().sheet();
            var view = sheet.localToScene(sheet.getLayoutBounds());
            sheet.lookupAll(".text-field").stream().filter(n -> n.getId() != null && n.getId().startsWith("param-"))
                    .forEach(n -> fields.add(n.getId()));
            // Repeat and the first of the block's own parameters
            for (String id : java.util.List.of("param-repeat", fields.stream()
                    .filter(f -> f.startsWith("param-block.")).findFirst().orElse("param-block.?"))) {
                javafx.scene.Node n = sheet.lookupAll(".text-field").stream().filter(f -> id.equals(f.getId()))
                        .findFirst().orElse(null);
                boolean shown = n != null;
                for (javafx.scene.Node a = n; shown && a != null; a = a.getParent()) {
                    shown = a.isVisible() && !(a instanceof javafx.scene.control.TitledPane t && !t.isExpanded());
                }
                if (!shown || !view.contains(n.localToScene(n.getLayoutBounds()))) {
                    hidden.add(id + (n == null ? " (none)" : shown ? " at " + n.localToScene(n.getLayoutBounds())
                            + " outside " + view : " (closed)"));
                }
            }
        });
        try {
            assertEquals(java.util.List.of(), hidden, "fields not in view among " + fields);
        } finally {
            robot.interact(() -> {
                window.canvas().selection().clear();
                window.scene().getWindow().setWidth(before[0]);
                window.scene().getWindow().setHeight(before[1]);
            });
        }
    }
}
