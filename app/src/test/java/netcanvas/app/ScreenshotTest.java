package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import netcanvas.files.PngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Saves pictures of the window for reviewers and the README: target/screenshots/*.png. */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    private MainWindow window;
    private double[] sizeBefore;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
        sizeBefore = new double[] {stage.getWidth(), stage.getHeight()};
    }

    /** Tests share one stage: give the next its size back. */
    @org.junit.jupiter.api.AfterEach
    void restoreSize(FxRobot robot) {
        javafx.stage.Window w = window.scene().getWindow();
        robot.interact(() -> {
            w.setWidth(sizeBefore[0]);
            w.setHeight(sizeBefore[1]);
        });
    }

    private Path shoot(FxRobot robot, String name) throws Exception {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = window.scene().snapshot(null));
        Path file = Path.of("target", "screenshots", name);
        PngWriter.write(image[0], file);
        assertTrue(Files.size(file) > 10_000, "a real picture, not an empty one");
        return file;
    }

    @Test
    void mainWindowWithResnet50(FxRobot robot) throws Exception {
        robot.interact(() -> window.files().load(Nets.resnet50PresetOrBuilt(), null, false));
        // select a block so the inspector shows its parameters; the view stays fitted to the whole network
        robot.interact(() -> window.canvas().selection().set(java.util.List.of("layer1")));
        shoot(robot, "main-resnet50.png");
        robot.interact(() -> window.browser().open("layer2"));
        shoot(robot, "block-resnet50-layer2.png");
        robot.interact(() -> window.browser().open("layer2.0"));
        shoot(robot, "block-resnet50-layer2.0.png");
    }

    /** The README's pictures at 1280x720: resnet50 with the Problems list showing one, then the training panel. */
    @Test
    void at1280x720(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.scene().getWindow().setWidth(1280);
            window.scene().getWindow().setHeight(720);
            window.files().load(Nets.resnet50PresetOrBuilt(), null, false);
        });
        // a problem to list: the Output layer removed
        robot.interact(() -> window.document().execute(netcanvas.commands.RemoveNodes.delete(java.util.Set.of(
                window.document().network().nodes().get(window.document().network().nodes().size() - 1).id()))));
        robot.interact(() -> {
            window.showProblems();
            window.canvas().selection().set(java.util.List.of("layer2"));
            window.fitForReading();
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Math.abs(window.scene().getWidth() - 1280) < 1, "1280 px wide");
        shoot(robot, "main-1280x720.png");
        robot.interact(() -> window.document().undo());
        robot.interact(() -> window.showTraining());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.fitForReading());
        shoot(robot, "training-1280x720.png");
        robot.interact(() -> window.toggleTraining());
        // View > Compare With > se-resnet50 in the window a 1280x720 screen gives it (95 % x 92 %)
        var compare = BlockViewFitUiTest.compareAt1280x720(robot, window, "se-resnet50");
        try {
            WritableImage[] image = new WritableImage[1];
            robot.interact(() -> image[0] = compare.stage().getScene().snapshot(null));
            Path file = Path.of("target", "screenshots", "compare-1280x720.png");
            PngWriter.write(image[0], file);
            assertTrue(Files.size(file) > 10_000, "a real picture, not an empty one");
        } finally {
            robot.interact(() -> compare.stage().close());
        }
    }

    /** The README's pictures at 1920x1080, light and dark: resnet50 open with a block selected. */
    @Test
    void at1920x1080LightAndDark(FxRobot robot) throws Exception {
        fullHd(robot);
        robot.interact(() -> window.files().load(Nets.resnet50PresetOrBuilt(), null, false));
        robot.interact(() -> {
            window.canvas().selection().set(java.util.List.of("layer2"));
            window.fitForReading();
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        try {
            shoot(robot, "main-1920x1080.png");
            dark(robot, netcanvas.theme.Theme.DARK);
            shoot(robot, "main-1920x1080-dark.png");
        } finally {
            dark(robot, netcanvas.theme.Theme.LIGHT);
        }
    }

    /**
     * The training panel at 1920x1080 after a short run (two epochs of 640 synthetic images, the panel's default
     * data), light and dark. It trains for a minute or so, hence only with -Dnetcanvas.screenshots=true: a picture
     * for the README, not a check (TrainingPanelUiTest checks the panel).
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "netcanvas.screenshots", matches = "true")
    void trainingAt1920x1080AfterAShortRun(FxRobot robot) throws Exception {
        fullHd(robot);
        try {
            robot.interact(() -> {
                window.files().load(StartNetwork.lenet5(), null, false);
                window.showTraining();
                var t = window.training().settings();
                t.set("epochs", "2");
                t.set("batch", "32");
                t.set("limit", "640");
                t.set("lr", "0.003");
            });
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> window.training().startButton().fire());
            long end = System.nanoTime() + 300_000_000_000L;
            boolean[] running = {true};
            while (running[0] && System.nanoTime() < end) {
                Thread.sleep(500);
                robot.interact(() -> running[0] = window.training().isRunning());
            }
            assertTrue(!running[0], "the two-epoch run ended within 5 minutes");
            robot.interact(() -> window.fitForReading());
            shoot(robot, "training-1920x1080.png");
            dark(robot, netcanvas.theme.Theme.DARK);
            shoot(robot, "training-1920x1080-dark.png");
        } finally {
            dark(robot, netcanvas.theme.Theme.LIGHT);
            robot.interact(() -> window.toggleTraining());
        }
    }

    private void fullHd(FxRobot robot) {
        robot.interact(() -> {
            window.scene().getWindow().setWidth(1920);
            window.scene().getWindow().setHeight(1080);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Math.abs(window.scene().getWidth() - 1920) < 1, "1920 px wide: " + window.scene().getWidth());
    }

    private void dark(FxRobot robot, netcanvas.theme.Theme theme) {
        robot.interact(() -> window.theme().set(theme));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void canvasExportWithLenet5(FxRobot robot) throws Exception {
        Path file = Path.of("target", "screenshots", "canvas-lenet5.png");
        robot.interact(() -> {
            try {
                PngWriter.write(window.canvas().picture(), file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(file) > 10_000);
        shoot(robot, "main-lenet5.png");
        String[] svg = new String[1];
        robot.interact(() -> svg[0] = netcanvas.canvas.SvgExport.of(window.canvas()));
        Files.writeString(Path.of("target", "screenshots", "canvas-lenet5.svg"), svg[0]);
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg[0].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // one box per node plus the white background, one line per edge of the chain
        var net = window.document().network();
        org.junit.jupiter.api.Assertions.assertEquals(net.nodes().size() + 1,
                xml.getElementsByTagName("rect").getLength());
        org.junit.jupiter.api.Assertions.assertEquals(net.nodes().size() - 1,
                xml.getElementsByTagName("polyline").getLength());
        assertTrue(svg[0].contains(">\u2192 6x28x28</text>"), "conv1's shape: 32 - 5 + 1 = 28");
    }

    /**
     * The README's picture of routed edges: GoogLeNet after Auto-layout, inside inception3a, where four branches meet
     * at the concat (their shape labels stand clear of each other), drawn as the PNG export draws the canvas.
     */
    @Test
    void routedEdgesInsideGooglenet(FxRobot robot) throws Exception {
        var googlenet = netcanvas.presets.Presets.load("googlenet");
        robot.interact(() -> window.files().load(MainWindow.prepare(googlenet), null, false));
        robot.interact(() -> window.autoLayout());
        robot.interact(() -> window.browser().open("inception3a"));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        Path file = Path.of("target", "screenshots", "routed-googlenet-inception3a.png");
        robot.interact(() -> {
            try {
                PngWriter.write(window.browser().inside().picture(), file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(file) > 10_000, "a real picture, not an empty one");
    }
}
