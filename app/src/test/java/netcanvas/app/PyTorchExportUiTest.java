package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import netcanvas.graph.Conv2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** File > Export as PyTorch writes the designed network through the command line's exporter. */
@ExtendWith(ApplicationExtension.class)
class PyTorchExportUiTest {
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    @Test
    void theMenuItemIsThere(FxRobot robot) {
        var bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        assertTrue(bar.getMenus().get(0).getItems().stream().anyMatch(i -> "Export as PyTorch\u2026"
                .equals(i.getText())), "File menu lists Export as PyTorch");
    }

    @Test
    void writesLenet5AsCodeThatPythonCompiles(FxRobot robot) throws Exception {
        Path py = dir.resolve("lenet5.py");
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = window.exports().writePyTorch(py));
        assertTrue(ok[0]);
        String code = Files.readString(py);
        // LeNet-5's first layers, as PyTorch spells them: 1 -> 6 channels with 5x5 kernels, 6 -> 16
        assertTrue(code.contains("nn.Conv2d(1, 6, kernel_size=5"), code);
        assertTrue(code.contains("nn.Conv2d(6, 16, kernel_size=5"), code);
        // 16 channels x 5 x 5 after the second pooling = 400 inputs to the first dense layer
        assertTrue(code.contains("nn.Linear(400, 120)"), code);
        assertPythonCompiles(py);
    }

    @Test
    void writesResnet50AsCodeThatPythonCompiles(FxRobot robot) throws Exception {
        robot.interact(() -> window.files().load(Nets.resnet50PresetOrBuilt(), null, false));
        Path py = dir.resolve("resnet50.py");
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = window.exports().writePyTorch(py));
        assertTrue(ok[0]);
        assertPythonCompiles(py);
    }

    @Test
    void refusesANetworkWithErrorsAndListsThem(FxRobot robot) {
        // a 9x9 kernel on an 8x8 input: (8 - 9) / 1 + 1 = 0, no output
        var broken = new NetBuilder("broken").input(3, 8, 8).then("conv", Conv2d.of(4, 9, 1, 0, true))
                .then("out", new Output()).build();
        robot.interact(() -> window.files().load(netcanvas.canvas.AutoLayout.apply(broken), null, false));
        Platform.runLater(() -> window.exports().pytorch());
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains("error at 'conv'"), pane.getContentText());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(LabeledMatchers.hasText("OK")).queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        Path py = dir.resolve("broken.py");
        boolean[] ok = new boolean[1];
        Platform.runLater(() -> ok[0] = window.exports().writePyTorch(py));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".dialog-pane .button").match(LabeledMatchers.hasText("OK")).queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(ok[0]);
        assertFalse(Files.exists(py), "nothing written");
    }

    private static void assertPythonCompiles(Path py) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-m", "py_compile", py.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "py_compile finished");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
    }
}
