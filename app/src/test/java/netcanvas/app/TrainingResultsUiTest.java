package netcanvas.app;

import static netcanvas.app.UiWait.assertRunStarted;
import static netcanvas.app.UiWait.logLines;
import static netcanvas.app.UiWait.reveal;
import static netcanvas.app.UiWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.training.DatasetChooser;
import netcanvas.runs.RunRecord;
import netcanvas.training.TestResultsView;
import netcanvas.training.TrainingPanel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A user reads a run's test results (confusion matrix, per-class figures, mistakes), compares runs in the Runs
 * history and deletes them, and never sees a stale state: another network clears the old run's charts and refusal,
 * Start stays under the pointer when a run ends, a colour image through a grey network is said to be converted.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingResultsUiTest {

    private final ScriptedPicker user = new ScriptedPicker();
    private MainWindow window;
    private Path home;
    private String previousHome;

    @Start
    void start(Stage stage) throws Exception {
        // a home of its own: the Runs history lists exactly this test's runs
        home = Files.createTempDirectory("netcanvas-results-home");
        previousHome = System.setProperty("netcanvas.home", home.toString());
        window = new MainWindow(stage, StartNetwork.builtIn(), user);
        window.show();
    }

    @AfterEach
    void restoreHome() {
        if (previousHome != null) {
            System.setProperty("netcanvas.home", previousHome);
        } else {
            System.clearProperty("netcanvas.home");
        }
    }

    private TrainingPanel openPanel(FxRobot robot) {
        var bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        var train = bar.getMenus().stream().filter(m -> m.getText().equals("Train")).findFirst().orElseThrow();
        var item = train.getItems().stream().filter(i -> "Training Panel".equals(i.getText())).findFirst()
                .orElseThrow();
        robot.interact(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
        TrainingPanel panel = window.training();
        @SuppressWarnings("unchecked")
        ChoiceBox<String> box = robot.lookup("#training-dataset").queryAs(ChoiceBox.class);
        robot.interact(() -> box.setValue(DatasetChooser.SYNTHETIC));
        return panel;
    }

    private static void type(FxRobot robot, TrainingPanel panel, String field, String text) {
        // the settings sit at the top of the panel: the user scrolls back up to them after reading the results
        Node f = robot.lookup("#training-" + field).query();
        reveal(robot, panel, f);
        robot.clickOn(f);
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text);
    }

    private void train(FxRobot robot, TrainingPanel panel, String limit) throws InterruptedException {
        type(robot, panel, "epochs", "1");
        type(robot, panel, "batch", "32");
        type(robot, panel, "validation", "0.25");
        type(robot, panel, "limit", limit);
        reveal(robot, panel, panel.startButton());
        robot.clickOn("#training-start");
        waitFor(robot, 180, "the run to end", () -> !panel.isRunning());
    }

    @Test
    void resultsHistoryAndNoStaleState(FxRobot robot) throws Exception {
        TrainingPanel panel = openPanel(robot);
        waitFor(robot, 30, "the sample strip", () -> panel.dataset().shownClasses().size() == 10);
        type(robot, panel, "epochs", "1");
        type(robot, panel, "validation", "0.25");
        type(robot, panel, "limit", "256");
        // a first try with too large a batch is refused (a long message), then the user lowers the batch
        type(robot, panel, "batch", "200000000");
        robot.type(KeyCode.F5);
        waitFor(robot, 120, "the refusal", () -> !panel.isRunning());
        assertEquals("Refused", panel.resultText(), panel.progressText());
        type(robot, panel, "batch", "32");
        // the user scrolls to the top, where Start sits (at 720 px the settings would push it off screen), and
        // starts with F5 (Train > Start Training) while typing in a field that training disables
        robot.interact(() -> panel.setVvalue(0));
        WaitForAsyncUtils.waitForFxEvents();
        double[] startY = new double[3];
        robot.interact(() -> startY[0] = panel.startButton().localToScreen(0, 0).getY());
        assertTrue(startY[0] > 0, "Start is in view");
        int logBefore = logLines(robot, panel);
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> startY[1] = panel.startButton().localToScreen(0, 0).getY());
        assertRunStarted(robot, panel, logBefore);
        waitFor(robot, 180, "the run to end", () -> !panel.isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> startY[2] = panel.startButton().localToScreen(0, 0).getY());
        assertEquals(startY[0], startY[1], 1.0, "Start stays where it was when a run starts");
        assertEquals(startY[0], startY[2], 1.0, "Start stays under the pointer when the run ends and results appear");
        assertTrue(panel.resultText().startsWith("Test accuracy"), String.join("\n", panel.log()));

        // the confusion matrix: LeNet-5's 10 classes, 50 synthetic test images of each
        TestResultsView results = panel.results();
        int diagonal = 0;
        for (int t = 0; t < 10; t++) {
            int row = 0;
            for (int p = 0; p < 10; p++) {
                row += Integer.parseInt(results.cellText(t, p));
            }
            assertEquals(50, row, "row " + t + " holds its class's 50 test images");
            diagonal += Integer.parseInt(results.cellText(t, t));
        }
        double shown = Double.parseDouble(panel.resultText().replaceAll("Test accuracy ([0-9.]+)%", "$1"));
        assertEquals(shown, diagonal / 5.0, 0.006, "the diagonal is the test accuracy shown");
        // click the cell of pattern 0 predicted as pattern 0: its images appear
        int n00 = Integer.parseInt(results.cellText(0, 0));
        Node cell = robot.lookup("#results-cell-0-0").query();
        reveal(robot, panel, cell);
        robot.clickOn(cell);
        assertEquals("pattern 0 predicted as pattern 0: " + n00 + " image" + (n00 == 1 ? "" : "s")
                + (n00 > 48 ? " (the first 48 shown)" : ""), results.cellTitle());
        assertEquals(Math.min(48, n00), results.cellImageCount());
        // normalised: each count as a share of the class's 50 images
        Node toggle = robot.lookup("#results-normalised").query();
        reveal(robot, panel, toggle);
        robot.clickOn(toggle);
        assertEquals(String.format(Locale.ROOT, "%.0f%%", 100 * n00 / 50.0), results.cellText(0, 0));
        // per class: 50 images each, recall = diagonal / 50
        List<List<String>> rows = results.perClassRows();
        assertEquals(10, rows.size());
        assertEquals(List.of("pattern 0", "50"), rows.get(0).subList(0, 2));
        assertEquals(String.format(Locale.ROOT, "%.1f%%", 100 * n00 / 50.0), rows.get(0).get(3));
        assertEquals(Math.min(24, 500 - diagonal), results.galleryCount(), "the mistakes, up to 24");

        // a colour image through LeNet-5's grey input: the caption says it was converted
        Path rgb = home.resolve("red.png");
        var img = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, x < 16 ? 0xff0000 : 0x0000ff);
            }
        }
        javax.imageio.ImageIO.write(img, "png", rgb.toFile());
        user.answer(rgb);
        reveal(robot, panel, robot.lookup("#run-image").query());
        robot.clickOn("#run-image");
        waitFor(robot, 60, "the caption", () -> panel.runPanel().message().startsWith("red.png"));
        assertTrue(panel.runPanel().message().contains("red.png images are 3x32x32; the network takes 1x32x32:"
                + " converting RGB to grey (luma)"), panel.runPanel().message());

        // a second, smaller run; then the Runs history lists both, overlays them, and deletes them
        train(robot, panel, "128");
        TitledPane history = robot.lookup("#training-history").queryAs(TitledPane.class);
        reveal(robot, panel, history);
        robot.clickOn(history.lookup(".title"));
        waitFor(robot, 10, "the two runs", () -> panel.history().runs().size() == 2);
        List<RunRecord> runs = panel.history().runs();
        assertTrue(runs.get(0).describe().startsWith("lenet5 \u00b7 Synthetic"), runs.get(0).describe());
        assertTrue(runs.get(0).recipe().startsWith("1 epoch, batch 32, "), runs.get(0).recipe());
        // 128 images less a quarter is 96: 3 steps; 256 less a quarter is 192: 6 steps
        assertEquals(3, runs.get(0).loss().size());
        assertEquals(6, runs.get(1).loss().size());
        robot.interact(() -> panel.history().list().getSelectionModel().selectAll());
        assertEquals(2, panel.history().lossChart().series().size(), "both runs' loss curves overlaid");
        assertEquals(3, panel.history().lossChart().series().get(0).size());
        assertEquals(6, panel.history().lossChart().series().get(1).size());
        assertEquals(1, panel.history().accuracyChart().series().get(0).size(), "one epoch: one accuracy point");
        Node delete = robot.lookup("#runs-delete").query();
        reveal(robot, panel, delete);
        robot.clickOn(delete);
        assertTrue(panel.history().deleteQuestion().startsWith("Delete 2 runs and their folders"),
                panel.history().deleteQuestion());
        Node confirm = robot.lookup("#runs-delete-confirm").query();
        reveal(robot, panel, confirm);
        robot.clickOn(confirm);
        assertEquals(0, panel.history().runs().size());
        assertEquals("Deleted 2 runs.", panel.history().message());
        try (var left = Files.list(home.resolve("runs"))) {
            assertEquals(0, left.count(), "the run folders are gone");
        }

        // another network: the old run's charts, result and test results go
        assertTrue(panel.lossChart().series().get(0).size() > 0);
        robot.interact(() -> window.document().open(small(), null, false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, panel.lossChart().series().get(0).size(), "no chart of the older network's run");
        assertEquals(0, panel.accuracyChart().series().get(0).size());
        assertEquals("", panel.resultText());
        assertNull(results.report());
        assertEquals("Not started", panel.progressText());
    }

    private static Network small() {
        return new NetBuilder("small").input(1, 12, 12).then("c", Conv2d.of(4, 3, 1, 1, true))
                .then("r", new ReLU()).then("g", new GlobalAvgPool()).then("fc", new Dense(3, true))
                .then("out", new Output()).build();
    }

    @Test
    void aRefusedRunLeavesNoFolderAndItsRefusalGoesWithTheNetwork(FxRobot robot) throws Exception {
        TrainingPanel panel = openPanel(robot);
        waitFor(robot, 30, "the sample strip", () -> panel.dataset().shownClasses().size() == 10);
        type(robot, panel, "epochs", "1");
        // a batch no machine holds: the memory check refuses the run before anything is allocated
        type(robot, panel, "batch", "200000000");
        reveal(robot, panel, panel.startButton());
        robot.clickOn("#training-start");
        waitFor(robot, 120, "the refusal", () -> !panel.isRunning());
        assertEquals("Refused", panel.resultText(), panel.progressText());
        assertTrue(panel.progressText().contains("training 'lenet5' at batch 200000000 needs about"),
                panel.progressText());
        Path runs = home.resolve("runs");
        if (Files.isDirectory(runs)) {
            try (var left = Files.list(runs)) {
                assertEquals(List.of(), left.toList(), "a refused run leaves no empty folder");
            }
        }
        // the same network, redrawn (e.g. a box moved): the refusal still stands
        robot.interact(() -> panel.setNetwork(window.document().analysis()));
        assertEquals("Refused", panel.resultText());
        assertTrue(panel.log().stream().anyMatch(l -> l.contains("'lenet5'")), "the log says why: " + panel.log());
        // another network: the refusal was about lenet5, so it goes, from the log too (the real window's log still
        // said "refused: The synthetic set for 3x224x224 ..." under LeNet-5 after resnet50's refusal)
        robot.interact(() -> window.document().open(small(), null, false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", panel.resultText());
        assertEquals("Not started", panel.progressText());
        assertFalse(panel.progressText().contains("lenet5"));
        assertEquals(List.of(), panel.log(), "the log of lenet5's refused run");
    }
}
