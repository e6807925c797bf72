package netcanvas.app;

import static netcanvas.app.UiWait.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The training panel docked beside the canvas at the sizes people use (1280x720, 1400x900, 1920x1080): a click at
 * Start, Pause and Stop reaches them, not a panel lying over them, and the panel keeps the width it was given.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingDockUiTest {
    private MainWindow window;
    private Stage stage;
    private double[] sizeBefore;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, StartNetwork.builtIn(), new ScriptedPicker());
        window.show();
        sizeBefore = new double[] {stage.getWidth(), stage.getHeight()};
    }

    /** Tests share one stage: give the next its size back. */
    @AfterEach
    void restoreSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(sizeBefore[0]);
            stage.setHeight(sizeBefore[1]);
        });
    }

    /**
     * The node a click at this scene point reaches, found as JavaFX picks: the last drawn child first, skipping what
     * is invisible, mouse-transparent or clipped away there.
     */
    static Node pick(Node n, Point2D scene) {
        if (!n.isVisible() || n.isMouseTransparent()) {
            return null;
        }
        Point2D local = n.sceneToLocal(scene);
        if (n.getClip() != null && !n.getClip().contains(n.getClip().parentToLocal(local))) {
            return null;
        }
        if (n instanceof Parent p) {
            var kids = p.getChildrenUnmodifiable();
            for (int i = kids.size() - 1; i >= 0; i--) {
                Node hit = pick(kids.get(i), scene);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return n.contains(local) ? n : null;
    }

    /** Whether a click at the centre of the button reaches the button (its text included). */
    private boolean clickReaches(Button b) {
        Bounds r = b.localToScene(b.getBoundsInLocal());
        Node hit = pick(window.scene().getRoot(), new Point2D(r.getCenterX(), r.getCenterY()));
        for (Node n = hit; n != null; n = n.getParent()) {
            if (n == b) {
                return true;
            }
        }
        return false;
    }

    private void resize(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        settle();
    }

    private void assertControlsReachable(FxRobot robot, String where) {
        boolean[] reached = new boolean[3];
        double[] widths = new double[3];
        java.util.List<String> cutLabels = new java.util.ArrayList<>();
        // the longest result a finished run shows beside the buttons
        robot.interact(() -> ((javafx.scene.control.Label) window.training().lookup("#training-result"))
                .setText("Test accuracy 100.00%"));
        settle();
        robot.interact(() -> {
            var panel = window.training();
            for (Button b : java.util.List.of(panel.startButton(), panel.pauseButton(), panel.stopButton())) {
                if (b.getWidth() < b.prefWidth(-1) - 0.5) {
                    cutLabels.add(b.getText() + " button (" + b.getWidth() + " of " + b.prefWidth(-1) + " px)");
                }
            }
            reached[0] = clickReaches(panel.startButton());
            reached[1] = clickReaches(panel.pauseButton());
            reached[2] = clickReaches(panel.stopButton());
            widths[0] = window.canvas().getWidth();
            widths[1] = panel.getWidth();
            panel.lookupAll(".label").stream()
                    .filter(n -> n.getParent() instanceof netcanvas.training.Hyperparameters)
                    .map(n -> (javafx.scene.control.Label) n)
                    .filter(l -> l.getWidth() < l.prefWidth(-1) - 0.5)
                    .forEach(l -> cutLabels.add(l.getText() + " (" + l.getWidth() + " of " + l.prefWidth(-1) + " px)"));
            widths[2] = panel.getContent().getLayoutBounds().getWidth() - panel.getViewportBounds().getWidth();
        });
        assertTrue(cutLabels.isEmpty(), where + ": buttons and settings labels shown whole, not " + cutLabels);
        assertTrue(widths[2] <= 1, where + ": the panel's content is " + widths[2] + " px wider than its view");
        assertTrue(reached[0], where + ": a click at Start's centre reaches Start");
        assertTrue(reached[1], where + ": a click at Pause's centre reaches Pause");
        assertTrue(reached[2], where + ": a click at Stop's centre reaches Stop");
        assertTrue(widths[1] >= WindowLayout.MIN_TRAINING - 1, where + ": panel " + widths[1] + " px wide");
    }

    @Test
    void startPauseAndStopTakeTheirClicksAtCommonWindowSizes(FxRobot robot) {
        for (double[] size : new double[][] {{1280, 720}, {1400, 900}, {1920, 1080}}) {
            String where = (int) size[0] + "x" + (int) size[1];
            resize(robot, size[0], size[1]);
            robot.interact(() -> window.toggleTraining());
            settle();
            assertTrue(window.training().getScene() != null, where + ": the panel is docked");
            assertControlsReachable(robot, where);
            double canvas = window.canvas().getWidth();
            assertTrue(canvas >= WindowLayout.MIN_CANVAS - 1, where + ": canvas " + canvas + " px wide");
            // the palette shown as well: the canvas narrows, the panel's controls stay in reach
            robot.interact(() -> window.togglePaletteForTest());
            settle();
            assertControlsReachable(robot, where + " with the palette");
            robot.interact(() -> window.togglePaletteForTest());
            robot.interact(() -> window.toggleTraining());
            settle();
        }
    }

    @Test
    void thePanelOpenedAsTheWindowNarrowsIsLaidOutForTheNewWidth(FxRobot robot) {
        resize(robot, 1920, 1080);
        // the panel opens in the same turn as the window shrinks (Ctrl+T pressed as the window is restored), before
        // a layout pass has given the split panes their new widths
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
            window.toggleTraining();
        });
        settle();
        assertControlsReachable(robot, "opened while shrinking to 1280x720");
        assertTrue(window.canvas().getWidth() >= WindowLayout.MIN_CANVAS - 1,
                "canvas " + window.canvas().getWidth() + " px wide");
    }

    @Test
    void thePanelComesBackAtItsWidthAfterANarrowWindowNarrowedIt(FxRobot robot) {
        // 1280 px: the panel narrows (palette hidden, inspector 270, canvas 600) and narrower still with the palette
        resize(robot, 1280, 720);
        robot.interact(() -> window.toggleTraining());
        settle();
        robot.interact(() -> window.togglePaletteForTest());
        settle();
        robot.interact(() -> window.togglePaletteForTest());
        robot.interact(() -> window.toggleTraining());
        settle();
        // a wide window: the panel opens at its default width again (420 px), not at the narrowed one
        resize(robot, 1920, 1080);
        robot.interact(() -> window.toggleTraining());
        settle();
        assertEquals(420, window.training().getWidth(), 2, "the default width, unchanged by the narrow window");
        assertEquals(270, window.inspector().getWidth(), 2, "the inspector's default width, after two layouts");
        // the window made narrow with the panel open: the panels keep their widths, the canvas gives way
        resize(robot, 1280, 720);
        assertControlsReachable(robot, "1920 made 1280");
        assertEquals(420, window.training().getWidth(), 2, "the panel kept its width");
    }

    /**
     * 1280x720 with the palette shown beside the training panel: the panel at its narrowest (checked), its width
     * returned. {@link #closeTheNarrowestPanel} puts the window back.
     */
    private double openTheNarrowestPanel(FxRobot robot) {
        resize(robot, 1280, 720);
        robot.interact(() -> window.toggleTraining());
        settle();
        robot.interact(() -> window.togglePaletteForTest());
        settle();
        double width = window.training().getWidth();
        assertEquals(WindowLayout.MIN_TRAINING, width, 5, "the panel at its narrowest");
        return width;
    }

    private void closeTheNarrowestPanel(FxRobot robot) {
        robot.interact(() -> window.togglePaletteForTest());
        robot.interact(() -> window.toggleTraining());
        settle();
    }

    /** Notes the control in {@code cut} when it draws less than its text ("'Refresh' drawn as 'R...'"). */
    private static void addIfCut(javafx.scene.control.Labeled l, java.util.List<String> cut) {
        if (!l.getText().equals(drawn(l))) {
            cut.add("'" + l.getText() + "' drawn as '" + drawn(l) + "'");
        }
    }

    /** The text a labelled control draws: its own text, or what is left of it once cut to fit ("ad.."). */
    static String drawn(javafx.scene.control.Labeled l) {
        Node text = l.lookup(".text");
        return text instanceof javafx.scene.text.Text t ? t.getText() : null;
    }

    /** Each setting's control at this size: every choice shows each of its items whole, every field its text. */
    private java.util.List<String> cutSettings(FxRobot robot) {
        java.util.List<String> cut = new java.util.ArrayList<>();
        var panel = window.training();
        java.util.List<javafx.scene.control.ChoiceBox<?>> choices = new java.util.ArrayList<>();
        robot.interact(() -> panel.lookupAll(".choice-box")
                .forEach(n -> choices.add((javafx.scene.control.ChoiceBox<?>) n)));
        assertTrue(choices.size() >= 3, "the dataset, optimizer and schedule choices: " + choices);
        for (var box : choices) {
            @SuppressWarnings("unchecked")
            var choice = (javafx.scene.control.ChoiceBox<Object>) box;
            Object before = choice.getValue();
            for (Object item : java.util.List.copyOf(choice.getItems())) {
                if (netcanvas.training.DatasetChooser.FOLDER.equals(item)) {
                    continue; // chosen, it asks for a folder (the label's width is the same as for its longest item)
                }
                robot.interact(() -> choice.setValue(item));
                settle();
                robot.interact(() -> {
                    var label = (javafx.scene.control.Label) choice.lookup(".label");
                    if (!item.toString().equals(drawn(label))) {
                        cut.add(choice.getId() + " draws '" + drawn(label) + "' for '" + item + "' ("
                                + choice.getWidth() + " of " + choice.prefWidth(-1) + " px)");
                    }
                });
            }
            robot.interact(() -> choice.setValue(before));
        }
        robot.interact(() -> {
            for (Node n : panel.settings().getChildrenUnmodifiable()) {
                if (n instanceof javafx.scene.control.TextField f) {
                    javafx.scene.text.Text t = new javafx.scene.text.Text(f.getText());
                    t.setFont(f.getFont());
                    double room = f.getWidth() - f.snappedLeftInset() - f.snappedRightInset();
                    if (room < t.getLayoutBounds().getWidth()) {
                        cut.add(f.getId() + " '" + f.getText() + "' needs " + t.getLayoutBounds().getWidth()
                                + " px, has " + room);
                    }
                }
            }
        });
        return cut;
    }

    @Test
    void everySettingShowsItsWholeValueInTheNarrowestPanel(FxRobot robot) {
        // 1280x720 with the palette shown beside the panel: the panel at its narrowest (the real window showed the
        // optimizer as "ad.." and the schedule as "con..." there)
        openTheNarrowestPanel(robot);
        // the longest value typed into every field: a learning rate of 0.0005 and a limit of 60,000 images
        robot.interact(() -> {
            window.training().settings().set("lr", "0.0005");
            window.training().settings().set("limit", "60000");
        });
        assertEquals(java.util.List.of(), cutSettings(robot), "at the narrowest panel");
        org.junit.jupiter.api.Assertions.assertFalse(window.training().settings().twoPerRow(),
                "one setting a row in the narrow panel");
        assertControlsReachable(robot, "the narrowest panel");
        // a wide window: the panel at its default width; the settings stand as they fit, still whole
        closeTheNarrowestPanel(robot);
        resize(robot, 1920, 1080);
        robot.interact(() -> window.toggleTraining());
        settle();
        assertEquals(java.util.List.of(), cutSettings(robot), "at 1920x1080");
        assertControlsReachable(robot, "1920x1080");
        robot.interact(() -> window.toggleTraining());
        settle();
    }
    /**
     * The panel's heading names the whole network: a preset's or a saved file's long name is not cut to "..." (the
     * real window drew "Training se_resnet50_cifar10_fin..." at 1280x720), in the narrowest panel and at 1920x1080.
     */
    @Test
    void theHeadingShowsTheWholeNetworkName(FxRobot robot) {
        String name = "se_resnet50_cifar10_finetuned_v3_long_file_name";
        robot.interact(() -> window.files().load(StartNetwork.lenet5().withName(name), null, false));
        openTheNarrowestPanel(robot);
        assertHeadingWhole(robot, name, "1280x720, the narrowest panel");
        closeTheNarrowestPanel(robot);
        resize(robot, 1920, 1080);
        robot.interact(() -> window.toggleTraining());
        settle();
        assertHeadingWhole(robot, name, "1920x1080");
        robot.interact(() -> window.toggleTraining());
        settle();
    }

    private void assertHeadingWhole(FxRobot robot, String name, String where) {
        String[] shown = new String[3];
        robot.interact(() -> {
            var heading = (javafx.scene.control.Label) window.training().lookup("#training-network");
            shown[0] = heading.getText();
            shown[1] = drawn(heading);
            shown[2] = heading.getTooltip() == null ? null : heading.getTooltip().getText();
        });
        assertTrue(shown[0].contains(name), where + ": the heading names the network: " + shown[0]);
        assertEquals(shown[0], shown[1], where + ": the heading drawn whole");
        assertEquals(shown[0], shown[2], where + ": the heading's tooltip");
    }
    /**
     * The Run panel's buttons keep their words in the narrowest panel: the real window at 1280x720 drew
     * "Checkpo...", "Ima..." and "Test sa...".
     */
    @Test
    void theRunPanelsButtonsShowTheirWordsInTheNarrowestPanel(FxRobot robot) {
        openTheNarrowestPanel(robot);
        java.util.List<String> cut = new java.util.ArrayList<>();
        int[] buttons = new int[1];
        robot.interact(() -> window.training().lookup("#training-run").lookupAll(".button").forEach(n -> {
            buttons[0]++;
            addIfCut((Button) n, cut);
        }));
        assertEquals(3, buttons[0], "Checkpoint..., Image... and Test sample");
        assertEquals(java.util.List.of(), cut, "the Run panel's buttons");
        closeTheNarrowestPanel(robot);
    }
    /**
     * The test results in the narrowest panel: every heading and label drawn whole (the real window cut "Most
     * confidently misclassified test ima..." at 1280x720). Fashion-MNIST's first three class names, all right.
     */
    @Test
    void theTestResultsShowTheirHeadingsWholeInTheNarrowestPanel(FxRobot robot) {
        openTheNarrowestPanel(robot);
        var report = new netcanvas.train.TestReport(java.util.List.of("T-shirt/top", "Trouser", "Pullover"),
                new int[] {0, 1, 2}, new int[] {0, 1, 2}, new double[] {0.9, 0.8, 0.7});
        robot.interact(() -> window.training().results().show(report, null));
        settle();
        java.util.List<String> cut = new java.util.ArrayList<>();
        robot.interact(() -> window.training().results().lookupAll(".label").forEach(n -> {
            var l = (javafx.scene.control.Label) n;
            if (l.isVisible() && !l.getText().isEmpty()) {
                addIfCut(l, cut);
            }
        }));
        assertEquals(java.util.List.of(), cut, "the test results' labels");
        robot.interact(() -> window.training().results().show(null, null));
        closeTheNarrowestPanel(robot);
    }
    /**
     * The Runs history in the narrowest panel with two runs overlaid: its buttons keep their words (the real window
     * drew "R..." and "D...") and each chart's title and legend stand clear of each other inside the chart (the
     * two runs' names were written over the title and past the chart's left edge).
     */
    @Test
    void theRunsHistoryReadsInTheNarrowestPanel(FxRobot robot) throws Exception {
        java.nio.file.Path home = java.nio.file.Files.createTempDirectory("netcanvas-dock-runs");
        for (String started : new String[] {"20261201-224511-957", "20261202-023339-695"}) {
            var run = new netcanvas.runs.RunRecord(home.resolve("lenet5-" + started), "lenet5",
                    "Synthetic (generated)", "2 epochs, batch 64, adam lr 0.001 (constant), validation 10%",
                    "completed", "test accuracy 91.80%",
                    java.util.List.of(new double[] {1, 2.3}, new double[] {2, 1.1}),
                    java.util.List.of(new double[] {1, 0.5}, new double[] {2, 0.8}),
                    java.util.List.of(new double[] {1, 0.6}, new double[] {2, 0.9}));
            java.nio.file.Files.createDirectories(run.folder());
            run.save();
        }
        var history = new netcanvas.training.RunsHistory(home);
        double width = openTheNarrowestPanel(robot);
        // the history as the panel holds it, as wide as the panel's content there
        javafx.stage.Stage[] shown = new javafx.stage.Stage[1];
        try {
            robot.interact(() -> {
                shown[0] = new javafx.stage.Stage();
                history.setPrefWidth(width - 34);
                shown[0].setScene(new javafx.scene.Scene(history, width - 34, 700));
                shown[0].show();
                history.refresh();
                history.list().getSelectionModel().selectAll();
            });
            settle();
            java.util.List<String> cut = new java.util.ArrayList<>();
            robot.interact(() -> java.util.List.of("#runs-refresh", "#runs-delete")
                    .forEach(id -> addIfCut((Button) history.lookup(id), cut)));
            assertEquals(java.util.List.of(), cut, "the Runs history's buttons");
            for (var chart : java.util.List.of(history.lossChart(), history.accuracyChart())) {
                var texts = chart.headerTexts();
                assertEquals(3, texts.size(), "the title and two runs' names");
                for (int i = 0; i < texts.size(); i++) {
                    var a = texts.get(i);
                    assertTrue(a.getMinX() >= 0 && a.getMaxX() <= chart.getWidth(),
                            chart.getId() + ": text " + i + " at " + a + " inside the chart " + chart.getWidth());
                    for (int j = i + 1; j < texts.size(); j++) {
                        assertTrue(!a.intersects(texts.get(j)), chart.getId() + ": " + a + " over " + texts.get(j));
                    }
                }
            }
        } finally {
            robot.interact(() -> shown[0].close());
            closeTheNarrowestPanel(robot);
        }
    }
}
