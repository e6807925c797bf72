package netcanvas.app;

import static netcanvas.app.UiWait.settle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The main window as a UI test meets it: shown on TestFX's stage, resized as a user on a laptop would, and given back
 * its size (and the app's home folder) after each test, since the tests of a class share one stage and one JVM.
 * A test class extends this; one that needs another start (a network, a scripted file picker, a home of its own)
 * overrides {@link #open}.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowFixture {
    MainWindow window;
    Stage stage;
    private double[] sizeBefore;
    private String homeBefore;
    private boolean ownHome;

    /**
     * Shows the window on TestFX's stage before each test. (Not a TestFX {@code @Start} method: TestFX looks for
     * those in the test class itself, not in the classes it extends.)
     */
    @BeforeEach
    void showWindow() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            window = open(stage);
            window.show();
            return null;
        });
        sizeBefore = new double[] {stage.getWidth(), stage.getHeight()};
    }

    /** The window to test, not yet shown; LeNet-5 with the system's file dialogs unless overridden. */
    MainWindow open(Stage stage) throws Exception {
        return new MainWindow(stage);
    }

    /**
     * Points the app's home (runs, settings, calibration) at a new empty folder for this test, so that what the test
     * finds there is exactly what it made; the previous home is restored after the test.
     */
    Path ownHome(String prefix) throws IOException {
        Path home = Files.createTempDirectory(prefix);
        String before = System.setProperty("netcanvas.home", home.toString());
        if (!ownHome) {
            homeBefore = before;
            ownHome = true;
        }
        return home;
    }

    /** Tests share one stage: give the next its size (and the home folder) back. */
    @AfterEach
    void restoreWindowAndHome(FxRobot robot) {
        javafx.stage.Window w = window.scene().getWindow();
        robot.interact(() -> {
            w.setWidth(sizeBefore[0]);
            w.setHeight(sizeBefore[1]);
        });
        if (ownHome) {
            if (homeBefore != null) {
                System.setProperty("netcanvas.home", homeBefore);
            } else {
                System.clearProperty("netcanvas.home");
            }
            ownHome = false;
        }
    }

    /** Sizes the window as a user's screen would (1280 x 720 a laptop's) and lets it lay out. */
    void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        settle();
    }
}
