package netcanvas.app;

import static netcanvas.app.UiWait.reveal;
import static netcanvas.app.UiWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import netcanvas.cli.TrainCommand;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.io.NetworkJson;
import netcanvas.runs.RunRecord;
import netcanvas.training.TrainingPanel;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * Runs trained on the command line appear in the app's Runs history, and deleting runs there asks first (how many,
 * which folders), so that a slip can be cancelled.
 */
class RunsHistoryUiTest extends WindowFixture {
    private Path home;
    private final String[] printed = new String[2];

    @Override
    MainWindow open(Stage stage) throws Exception {
        // a home of its own: the runs folder holds exactly the runs this test trains
        home = ownHome("netcanvas-runs-home");
        return new MainWindow(stage, StartNetwork.builtIn(), new ScriptedPicker());
    }

    /** Two runs from the command line, as a user types them in a terminal while the app is open. */
    private void trainTwiceInATerminal() throws Exception {
        Path net = home.resolve("tiny.json");
        NetworkJson.write(new NetBuilder("tiny").input(1, 12, 12).then("c", Conv2d.of(4, 3, 1, 1, true))
                .then("r", new ReLU()).then("g", new GlobalAvgPool()).then("fc", new Dense(3, true))
                .then("out", new Output()).build(), net);
        for (int i = 0; i < 2; i++) {
            StringWriter out = new StringWriter();
            CommandLine cl = new CommandLine(new TrainCommand());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(out, true));
            int status = cl.execute(net.toString(), "--data", "synthetic", "--epochs", "1", "--batch", "32",
                    "--log-every", "100");
            assertEquals(0, status, out.toString());
            printed[i] = out.toString();
        }
    }

    @Test
    void commandLineRunsAreListedAndDeletingThemAsksFirst(FxRobot robot) throws Exception {
        trainTwiceInATerminal();
        robot.interact(() -> window.toggleTraining());
        WaitForAsyncUtils.waitForFxEvents();
        TrainingPanel panel = window.training();
        TitledPane history = robot.lookup("#training-history").queryAs(TitledPane.class);
        reveal(robot, panel, history);
        robot.clickOn(history.lookup(".title"));
        WaitForAsyncUtils.waitForFxEvents();
        List<RunRecord> runs = panel.history().runs();
        assertEquals(2, runs.size(), panel.history().message());
        for (RunRecord r : runs) {
            assertTrue(r.folder().startsWith(home.resolve("runs")), r.folder().toString());
            assertTrue(r.describe().startsWith("tiny \u00b7 synthetic \u00b7 completed: test accuracy "), r.describe());
            assertEquals("1 epoch, batch 32, adam lr 0.001 (constant), validation 10%", r.recipe());
            // 3 classes x 200 synthetic images less 10% for validation: 540, ceil(540 / 32) = 17 steps
            assertEquals(17, r.loss().size());
            assertEquals(1, r.trainAccuracy().size());
            // the figure the terminal printed is the one the history shows
            String printedAccuracy = List.of(printed).stream().flatMap(String::lines)
                    .filter(l -> l.startsWith("test accuracy: ")).map(l -> l.replaceAll("test accuracy: ([0-9.]+%).*",
                            "$1")).filter(a -> r.result().equals("test accuracy " + a)).findFirst().orElse(null);
            assertTrue(printedAccuracy != null, r.result() + " printed in " + String.join("", printed));
        }
        assertTrue(List.of(printed).stream().allMatch(p -> p.contains("run recorded in " + home.resolve("runs"))),
                String.join("", printed));
        // each run is drawn in the list, not only counted (the real window drew the first run's line and empty rows
        // below it after the pane was expanded)
        // (the list makes its cells in a layout pass after the pane opens: wait for them, up to 10 s)
        List<String> expected = runs.stream().map(RunRecord::describe).sorted().toList();
        List<String> drawn = new java.util.ArrayList<>();
        try {
            waitFor(robot, 10, "the runs' lines drawn", () -> {
                drawn.clear();
                panel.history().list().lookupAll(".list-cell").stream()
                        .filter(Node::isVisible).map(n -> ((javafx.scene.control.ListCell<?>) n).getText())
                        .filter(t -> t != null && !t.isEmpty()).sorted().forEach(drawn::add);
                return drawn.equals(expected);
            });
        } catch (AssertionError e) {
            assertEquals(expected, drawn, "the runs' lines drawn in the list");
        }

        robot.interact(() -> panel.history().list().getSelectionModel().selectAll());
        Node delete = robot.lookup("#runs-delete").query();
        reveal(robot, panel, delete);
        robot.clickOn(delete);
        String question = panel.history().deleteQuestion();
        assertTrue(question.startsWith("Delete 2 runs and their folders, checkpoints included?"), question);
        for (RunRecord r : runs) {
            assertTrue(question.contains(r.folder().toString()), question);
        }
        // the user thinks again: Cancel deletes nothing
        Node cancel = robot.lookup("#runs-delete-cancel").query();
        reveal(robot, panel, cancel);
        robot.clickOn(cancel);
        assertEquals("", panel.history().deleteQuestion(), "the question is gone");
        assertEquals("Nothing deleted.", panel.history().message());
        assertEquals(2, panel.history().runs().size());
        for (RunRecord r : runs) {
            assertTrue(Files.isDirectory(r.folder()), "kept: " + r.folder());
        }
        // and again, this time answering Delete
        reveal(robot, panel, delete);
        robot.clickOn(delete);
        Node confirm = robot.lookup("#runs-delete-confirm").query();
        reveal(robot, panel, confirm);
        robot.clickOn(confirm);
        assertEquals("Deleted 2 runs.", panel.history().message());
        assertEquals(0, panel.history().runs().size());
        try (var left = Files.list(home.resolve("runs"))) {
            assertEquals(0, left.count(), "the run folders are gone");
        }
    }
}
