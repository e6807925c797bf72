package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A user saving a new design under a name of their own, then exporting it next to the file. */
@ExtendWith(ApplicationExtension.class)
class FileNamesUiTest {
    private final ScriptedPicker user = new ScriptedPicker();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, StartNetwork.builtIn(), user);
        window.show();
    }

    private void keys(FxRobot robot, KeyCode... combo) {
        robot.clickOn("#network-canvas");
        robot.push(combo);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void saveAsNamesTheNetworkAfterItsFileAndExportsStartBesideIt(@TempDir Path dir, FxRobot robot)
            throws Exception {
        keys(robot, KeyCode.CONTROL, KeyCode.N);
        assertEquals("untitled (unsaved) \u2014 NetCanvas", stage.getTitle());
        Path file = dir.resolve("mynet.json");
        user.answer(file);
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);
        assertEquals("mynet.json \u2014 NetCanvas", stage.getTitle());
        assertEquals("mynet", window.document().network().name());
        assertTrue(Files.readString(file).contains("\"name\" : \"mynet\"") || Files.readString(file)
                .contains("\"name\": \"mynet\""), Files.readString(file));
        assertFalse(window.document().dirty(), "saved as it is");

        Path csv = dir.resolve("exports").resolve("mynet.csv");
        Files.createDirectories(csv.getParent());
        user.answer(csv);
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E);
        assertEquals(dir, user.last().request().startIn(), "the export starts in the network file's folder");
        assertEquals("mynet.csv", user.last().request().suggestedName());
    }

    @Test
    void pngExportOffersTwiceAndFourTimesTheScale(@TempDir Path dir, FxRobot robot) throws Exception {
        Path one = dir.resolve("one.png");
        user.answer(one);
        keys(robot, KeyCode.CONTROL, KeyCode.E);
        robot.clickOn("#png-scale-ok");
        WaitForAsyncUtils.waitForFxEvents();
        Path two = dir.resolve("two.png");
        user.answer(two);
        keys(robot, KeyCode.CONTROL, KeyCode.E);
        robot.clickOn("#png-scale-dialog .combo-box");
        robot.clickOn("2x (sharp on slides)");
        robot.clickOn("#png-scale-ok");
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage a = javax.imageio.ImageIO.read(one.toFile());
        BufferedImage b = javax.imageio.ImageIO.read(two.toFile());
        assertEquals(2.0 * a.getWidth(), b.getWidth(), 2, "twice as wide");
        assertEquals(2.0 * a.getHeight(), b.getHeight(), 2, "twice as high");
        // the next export offers the last scale first
        user.answer(dir.resolve("three.png"));
        keys(robot, KeyCode.CONTROL, KeyCode.E);
        assertTrue(robot.lookup("#png-scale-dialog .combo-box").queryComboBox().getValue().toString()
                .startsWith("2x"));
        robot.clickOn("#png-scale-ok");
        WaitForAsyncUtils.waitForFxEvents();
    }
    /**
     * At 1280x720 with resnet50's figures the status bar has no room left for its note: "Saved ..." was drawn as
     * "..." only, so a user saw no sign the file was written. A note the bar cannot show whole is shown over the
     * canvas as well.
     */
    @Test
    void aNoteTheStatusBarCannotShowWholeIsShownOverTheCanvas(@TempDir Path dir, FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
            window.files().load(Nets.resnet50(), null, false);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path file = dir.resolve("my_resnet_experiment.json");
        user.answer(file);
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);
        assertTrue(Files.exists(file), "saved");
        String note = "Saved my_resnet_experiment.json";
        String[] shown = new String[3];
        robot.interact(() -> {
            var message = (javafx.scene.control.Label) window.scene().lookup("#status-message");
            shown[0] = message.getText();
            shown[1] = TrainingDockUiTest.drawn(message);
            var notice = (javafx.scene.control.Label) window.scene().lookup("#notice");
            shown[2] = notice.isVisible() ? notice.getText() : null;
        });
        assertEquals(note, shown[0], "the status bar's note");
        assertTrue(note.equals(shown[1]) || note.equals(shown[2]), "the note is readable somewhere: the bar draws '"
                + shown[1] + "', the notice over the canvas shows " + shown[2]);
        robot.interact(() -> {
            stage.setWidth(1400);
            stage.setHeight(900);
        });
    }
}
