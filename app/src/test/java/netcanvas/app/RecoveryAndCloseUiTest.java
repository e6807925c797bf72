package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import netcanvas.commands.RemoveNodes;
import netcanvas.files.Autosave;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** The questions the designer asks: restore unsaved work after a crash, save before closing. */
@ExtendWith(ApplicationExtension.class)
class RecoveryAndCloseUiTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Autosave.standard().clear();
        window = new MainWindow(stage);
        window.show();
    }

    private void press(FxRobot robot, String button) {
        robot.clickOn(robot.lookup(".dialog-pane .button").match(LabeledMatchers.hasText(button))
                .queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void unsavedWorkIsAutosavedAndOfferedBackAtTheNextStart(FxRobot robot) {
        robot.interact(() -> window.document().execute(RemoveNodes.delete(Set.of("relu4"))));
        assertTrue(window.document().dirty());
        robot.interact(() -> window.files().autosaveNow());
        assertEquals(window.document().network(), Autosave.standard().pending(), "the recovery file holds it");
        // as if the program had died: a new start finds the file and asks
        robot.interact(() -> window.files().load(StartNetwork.builtIn(), null, false));
        Platform.runLater(() -> window.files().offerRecovery());
        WaitForAsyncUtils.waitForFxEvents();
        press(robot, "Yes");
        assertNull(window.document().network().node("relu4"), "the restored network lacks relu4");
        assertTrue(window.document().dirty(), "restored work is unsaved until saved");
        robot.interact(() -> window.files().closeClean());
        assertNull(Autosave.standard().pending(), "a clean exit removes the recovery file");
    }

    @Test
    void closingWithUnsavedChangesAsksAndCancelKeepsTheWindow(FxRobot robot) {
        robot.interact(() -> window.document().execute(RemoveNodes.delete(Set.of("relu4"))));
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        press(robot, "Cancel");
        assertTrue(stage.isShowing(), "cancel keeps the window open");
        assertTrue(window.document().dirty());
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        press(robot, "Don't save");
        assertFalse(Autosave.standard().file().toFile().exists());
    }
}
