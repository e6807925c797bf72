package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The file menu's keys, through the dialogs: a user saves as, starts a new design, opens the saved file, cancels a
 * dialog, and exports the canvas and the summary. The dialogs are answered by a {@link ScriptedPicker}; everything
 * behind them (menus, keys, atomic writes, the window title, the files written) is the application's own.
 */
@ExtendWith(ApplicationExtension.class)
class FileDialogsUiTest {
    private final ScriptedPicker user = new ScriptedPicker();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, StartNetwork.builtIn(), user);
        window.show();
    }

    private void keys(FxRobot robot, KeyCode... combo) {
        robot.clickOn("#network-canvas");
        robot.push(combo);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> ids() {
        return window.document().network().nodes().stream().map(Node::id).toList();
    }

    @Test
    void saveAsNewThenOpenBringsTheDesignBack(@TempDir Path dir, FxRobot robot) throws Exception {
        List<String> before = ids();
        Path file = dir.resolve("mine.json");
        user.answer(file);
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);
        assertEquals("save", user.last().dialog());
        assertEquals("Save network", user.last().request().title());
        assertEquals("lenet5.json", user.last().request().suggestedName());
        assertEquals(List.of("*.json"), user.last().request().patterns());
        assertTrue(Files.size(file) > 100, "the file is written");
        assertTrue(((Stage) window.scene().getWindow()).getTitle().contains("mine.json"));
        assertFalse(window.document().dirty());

        keys(robot, KeyCode.CONTROL, KeyCode.N);
        assertEquals(1, window.document().network().nodes().size(), "New leaves an empty design with its input");

        user.answer(file);
        keys(robot, KeyCode.CONTROL, KeyCode.O);
        assertEquals("open", user.last().dialog());
        assertEquals(dir, user.last().request().startIn(), "the open dialog starts in the last file's folder");
        assertEquals(before, ids());
        assertEquals(file, window.document().file());
        // LeNet-5: 156 + 2,416 + 48,120 + 10,164 + 850 parameters (torch's LeNet-5 with these layers: 61,706)
        assertEquals(61_706L, window.document().analysis().totals().trainableParams());
    }

    @Test
    void cancellingTheSaveDialogWritesNothing(@TempDir Path dir, FxRobot robot) throws Exception {
        user.cancel();
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);
        assertEquals("save", user.last().dialog());
        assertEquals(null, window.document().file());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void theCanvasPngHasAWhiteMarginAroundTheDrawing(@TempDir Path dir, FxRobot robot) throws Exception {
        Path png = dir.resolve("canvas.png");
        user.answer(png);
        keys(robot, KeyCode.CONTROL, KeyCode.E);
        robot.clickOn("#png-scale-ok"); // the scale offered first: 1x
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Export canvas as PNG", user.last().request().title());
        assertEquals("lenet5.png", user.last().request().suggestedName());
        BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertTrue(maxX > minX && maxY > minY, "something is drawn");
        // 20 px of white on every side (a pixel less where a border's anti-aliasing spills over)
        assertTrue(minX >= 19 && minY >= 19, "left/top margin: first drawn pixel at " + minX + "," + minY);
        assertTrue(img.getWidth() - 1 - maxX >= 19 && img.getHeight() - 1 - maxY >= 19,
                "right/bottom margin: last drawn pixel at " + maxX + "," + maxY + " in " + img.getWidth() + "x"
                        + img.getHeight());
        // eleven 210-px-wide boxes in a column (ELK, top to bottom): the picture is one box wide plus margins,
        // give or take an edge label beside the column
        assertTrue(img.getWidth() >= 210 + 40, "width " + img.getWidth());
    }

    @Test
    void theSummaryExportsAsCsvAndMarkdown(@TempDir Path dir, FxRobot robot) throws Exception {
        Path csv = dir.resolve("summary.csv");
        user.answer(csv);
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("layer,kind,output,params,macs,memory_bytes,receptive_field", lines.get(0));
        // conv1: 6 filters of 5x5 on 1x32x32: output 6x28x28, 6 * (25 + 1) = 156 params,
        // 28 * 28 * 6 * 25 = 117,600 MACs, 4,704 floats = 18,816 bytes, receptive field 5
        String conv1 = lines.stream().filter(l -> l.startsWith("conv1,")).findFirst().orElseThrow();
        assertTrue(conv1.endsWith(",6x28x28,156,117600,18816,5"), conv1);
        assertTrue(lines.get(lines.size() - 1).startsWith("total,,,61706,"), lines.get(lines.size() - 1));

        Path md = dir.resolve("summary.md");
        user.answer(md);
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M);
        assertEquals("Export summary as Markdown", user.last().request().title());
        String text = Files.readString(md);
        assertTrue(text.startsWith("|"), text);
        assertTrue(text.contains("| conv1 |"), text);
    }
}
