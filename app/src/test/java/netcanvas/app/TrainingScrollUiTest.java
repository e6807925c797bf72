package netcanvas.app;

import static netcanvas.app.UiWait.assertRunStarted;
import static netcanvas.app.UiWait.logLines;
import static netcanvas.app.UiWait.settle;
import static netcanvas.app.UiWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.training.DatasetChooser;
import netcanvas.training.TrainingPanel;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The panel never scrolls by itself: a user who starts a run with F5 while typing in a setting (which the run
 * disables), in a 1280x720 window where the panel scrolls, finds Start at the same place on screen while the run goes
 * and after it ends (when the test results appear below).
 */
class TrainingScrollUiTest extends WindowFixture {

    @Override
    MainWindow open(Stage stage) throws Exception {
        ownHome("netcanvas-scroll-home"); // the run's folder goes there
        return new MainWindow(stage, StartNetwork.builtIn(), new ScriptedPicker());
    }

    private static void type(FxRobot robot, String field, String text) {
        robot.clickOn("#training-" + field);
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text);
    }

    /** Start's top on screen and the panel's scroll offset in pixels. */
    private static double[] where(FxRobot robot, TrainingPanel panel) {
        settle();
        double[] at = new double[2];
        robot.interact(() -> {
            at[0] = panel.startButton().localToScreen(0, 0).getY();
            double scrollable = panel.getContent().getLayoutBounds().getHeight()
                    - panel.getViewportBounds().getHeight();
            at[1] = panel.getVvalue() * scrollable;
        });
        return at;
    }

    @Test
    void startStaysWhereItIsWhenARunStartsFromAFieldAndWhenItEnds(FxRobot robot) throws Exception {
        resize(robot, 1280, 720);
        robot.interact(() -> window.toggleTraining());
        WaitForAsyncUtils.waitForFxEvents();
        TrainingPanel panel = window.training();
        @SuppressWarnings("unchecked")
        ChoiceBox<String> box = robot.lookup("#training-dataset").queryAs(ChoiceBox.class);
        robot.interact(() -> box.setValue(DatasetChooser.SYNTHETIC));
        waitFor(robot, 30, "the sample strip", () -> panel.dataset().shownClasses().size() == 10);
        type(robot, "epochs", "1");
        type(robot, "batch", "32");
        type(robot, "validation", "0.25");
        type(robot, "limit", "64");
        // the user scrolled the panel a little (Start still in view, 20 px from the top of the content) ...
        robot.interact(() -> {
            panel.applyCss();
            panel.layout();
            double scrollable = panel.getContent().getLayoutBounds().getHeight()
                    - panel.getViewportBounds().getHeight();
            assertTrue(scrollable > 100, "at 720 px the panel scrolls: " + scrollable);
            panel.setVvalue(20 / scrollable);
        });
        double[] before = where(robot, panel);
        assertEquals(20, before[1], 1);
        // ... and, still in the Max images field, presses F5: the run disables that field
        int logBefore = logLines(robot, panel);
        robot.type(KeyCode.F5);
        double[] started = where(robot, panel);
        assertRunStarted(robot, panel, logBefore);
        assertEquals(before[0], started[0], 1.0, "Start stays where it was on screen when the run starts");
        assertEquals(before[1], started[1], 1.0, "the panel did not scroll when the run started");
        waitFor(robot, 180, "the run to end", () -> !panel.isRunning());
        double[] ended = where(robot, panel);
        assertTrue(panel.resultText().startsWith("Test accuracy"), String.join("\n", panel.log()));
        assertFalse(panel.results().perClassRows().isEmpty(), "the test results appeared below");
        assertEquals(before[0], ended[0], 1.0, "Start stays under the pointer when the run ends");
        assertEquals(before[1], ended[1], 1.0, "the panel did not scroll when the run ended");
    }
}
