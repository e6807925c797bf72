package netcanvas.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import netcanvas.analysis.Analysis;
import netcanvas.data.DataSplit;
import netcanvas.data.Datasets;
import netcanvas.data.ImageData;
import netcanvas.report.Units;
import netcanvas.runs.RunRecord;
import netcanvas.train.NativeBackend;
import netcanvas.train.TrainConfig;
import netcanvas.train.Trainer;
import netcanvas.train.TrainingListener.Epoch;
import netcanvas.train.TrainingListener.Iteration;
import netcanvas.train.TrainingListener.Outcome;
import netcanvas.train.TrainingListener.Result;

/**
 * Trains the current design: dataset, settings, Start / Pause / Stop, progress with ETA, live loss and accuracy
 * charts, a log, and a Run panel for the trained weights. The trainer runs on its own thread and its events reach
 * the FX thread in per-frame batches ({@link FxTrainingEvents}), so the window stays responsive.
 */
public final class TrainingPanel extends ScrollPane {
    /** Weight of the loss chart's exponential smoothing (per iteration). */
    static final double SMOOTHING = 0.95;

    private final DatasetChooser dataset;
    private final Hyperparameters settings = new Hyperparameters();
    private final Label networkLabel = new Label();
    private final Label refusal = new Label();
    private final Button start = new Button("Start");
    private final Button pause = new Button("Pause");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Not started");
    private final Label result = new Label();
    private final LiveChart lossChart = new LiveChart("Loss per iteration", "iteration", true);
    private final LiveChart.Series rawLoss = lossChart.addSeries("raw", Color.rgb(33, 150, 243, 0.25), 1, false);
    private final LiveChart.Series smoothLoss = lossChart.addSeries("smoothed", Color.web("#0d47a1"), 2, false);
    private final LiveChart accuracyChart = new LiveChart("Accuracy per epoch", "epoch", true);
    private final LiveChart.Series trainAccuracy = accuracyChart.addSeries("train", Color.web("#ef6c00"), 2, true);
    private final LiveChart.Series valAccuracy = accuracyChart.addSeries("validation", Color.web("#2e7d32"), 2,
            true);
    private final ListView<String> log = new ListView<>();
    private final RunPanel run;
    private final TestResultsView results = new TestResultsView();
    private final RunsHistory history = new RunsHistory(RunRecord.runsFolder());
    private final TitledPane historyPane = new TitledPane("Runs", history);
    /** The run's curves as they arrive, saved with the run for the Runs history. */
    private final java.util.List<double[]> lossPoints = new java.util.ArrayList<>();
    private final java.util.List<double[]> trainPoints = new java.util.ArrayList<>();
    private final java.util.List<double[]> valPoints = new java.util.ArrayList<>();
    private TrainableNetwork network;
    /** The design the charts, result and test results describe (null when they show nothing). */
    private netcanvas.graph.Network shownDesign;
    private volatile ImageData testImages;
    private String runData;
    private String runRecipe;
    private Smoothing smoothing;
    private volatile Trainer trainer;
    private volatile boolean stopRequested;
    private boolean running;
    private Path runDir;

    /** @param picker asks for dataset, checkpoint and image files */
    public TrainingPanel(netcanvas.files.FilePicker picker) {
        dataset = new DatasetChooser(picker);
        run = new RunPanel(dataset::spec, dataset::fashionDir, picker);
        // other weights chosen in the Run panel: the charts and results of the last run no longer describe them
        run.setOnCheckpointChosen(dir -> {
            if (!running && (runDir == null || !dir.startsWith(runDir))) {
                clearRun("Not started (the Run panel uses " + dir.getFileName() + ")");
            }
        });
        setId("training-panel");
        setFitToWidth(true);
        networkLabel.setId("training-network");
        networkLabel.setStyle("-fx-font-weight: bold;");
        // a preset's or saved file's long name wraps instead of ending in "...": the heading says what is trained
        networkLabel.setWrapText(true);
        networkLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        networkLabel.setTooltip(new javafx.scene.control.Tooltip());
        refusal.setId("training-refusal");
        refusal.setWrapText(true);
        refusal.setStyle("-fx-text-fill: -nc-error-text;");
        start.setId("training-start");
        pause.setId("training-pause");
        stop.setId("training-stop");
        start.setOnAction(e -> start());
        pause.setOnAction(e -> togglePause());
        stop.setOnAction(e -> stop());
        progress.setId("training-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        progressText.setId("training-progress-text");
        result.setId("training-result");
        result.setStyle("-fx-font-weight: bold;");
        lossChart.setId("training-loss-chart");
        accuracyChart.setId("training-accuracy-chart");
        accuracyChart.setYRange(0, 1);
        accuracyChart.setPercent(true);
        lossChart.setPrefHeight(190);
        accuracyChart.setPrefHeight(150);
        log.setId("training-log");
        log.setPrefHeight(130);
        log.setCellFactory(list -> new WrappingCell());
        // the buttons keep their words; a long result wraps beside them instead of squeezing them to "S..."
        for (Button b : List.of(start, pause, stop)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        result.setWrapText(true);
        result.setMinWidth(0);
        HBox buttons = new HBox(6, start, pause, stop, result);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox bar = new HBox(8, progress, progressText);
        bar.setAlignment(Pos.CENTER_LEFT);
        TitledPane runPane = new TitledPane("Run the trained network", run);
        runPane.setId("training-run");
        TitledPane resultsPane = new TitledPane("Test results", results);
        resultsPane.setId("training-results");
        historyPane.setId("training-history");
        historyPane.setExpanded(false);
        // opens at once: its list made its cells while an animated pane grew, and a real window once drew only the
        // first run's line with empty rows below it
        historyPane.setAnimated(false);
        historyPane.expandedProperty().addListener((o, was, now) -> {
            if (now) {
                history.refresh();
            }
        });
        // Start and the progress first: at 720 px the data and settings push anything below them off screen
        VBox content = new VBox(8, networkLabel, refusal, buttons, bar, dataset, settings, lossChart, accuracyChart,
                log, resultsPane, runPane, historyPane);
        content.setPadding(new Insets(8));
        setContent(content);
        setButtons();
    }

    /** Follows the open design; a run in progress keeps training the network it started with. */
    public void setNetwork(Analysis a) {
        network = TrainableNetwork.of(a);
        if (!running && shownDesign != null && !sameDesign(shownDesign, a.network())) {
            // another network, or this one edited: the last run's refusal, charts and results describe the old one
            clearRun("Not started");
        }
        networkLabel.setText("Training " + a.network().name()
                + (network.trainable() ? " (" + network.describe() + ")" : ""));
        networkLabel.getTooltip().setText(networkLabel.getText());
        refusal.setText(network.trainable() ? "" : network.refusal());
        refusal.setManaged(!network.trainable());
        refusal.setVisible(!network.trainable());
        dataset.setNetwork(network);
        setButtons();
    }

    /** The same layers and wiring (where the boxes sit on the canvas does not matter). */
    private static boolean sameDesign(netcanvas.graph.Network x, netcanvas.graph.Network y) {
        if (x == null || y == null || !x.name().equals(y.name()) || x.nodes().size() != y.nodes().size()) {
            return false;
        }
        for (int i = 0; i < x.nodes().size(); i++) {
            var m = x.nodes().get(i);
            var n = y.nodes().get(i);
            if (!m.id().equals(n.id()) || !m.spec().equals(n.spec()) || !m.inputs().equals(n.inputs())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Forgets the last run's outcome, log, charts and test results (they describe a network or weights not shown;
     * the log kept another network's refusal below the new one's heading).
     */
    private void clearRun(String status) {
        log.getItems().clear();
        lossChart.clear();
        accuracyChart.clear();
        results.show(null, null);
        result.setText("");
        progress.setProgress(0);
        progressText.setText(status);
        shownDesign = null;
    }

    private void setButtons() {
        boolean trainable = network != null && network.trainable();
        start.setDisable(running || !trainable);
        pause.setDisable(!running);
        stop.setDisable(!running);
        settings.setDisabledWhileTraining(running);
        dataset.setDisabledWhileTraining(running);
        keepFocusInPlace();
    }

    /**
     * Gives the focus to Stop (while running) or Start when the control holding it was just disabled: left alone, the
     * scene moves the focus to the next enabled control (the log, far below a field; the dataset list after Stop) and
     * the panel scrolls that into view, which moved Start away from under the pointer when a run started or ended.
     */
    private void keepFocusInPlace() {
        javafx.scene.Node focused = getScene() == null ? null : getScene().getFocusOwner();
        if (focused == null || !focused.isDisabled() || !isInside(focused)) {
            return;
        }
        Button target = running ? stop : start;
        if (!target.isDisabled()) {
            target.requestFocus();
        } else {
            requestFocus(); // the panel itself: nothing to scroll to
        }
    }

    private boolean isInside(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }

    /** Starts a run of the current network (what the Start button and the Train menu do). */
    public void start() {
        // the old results go and the focused field is disabled: neither may scroll the panel under the pointer
        keepStartInPlace(this::startInPlace);
    }

    private void startInPlace() {
        if (running || network == null || !network.trainable()) {
            return;
        }
        if (dataset.spec().isEmpty()) {
            say("Choose a dataset folder first");
            return;
        }
        TrainConfig cfg;
        int limit;
        Path dir;
        try {
            dir = RunRecord.newFolder(network.network().name());
            cfg = settings.config(dir);
            limit = settings.imageLimit();
        } catch (IllegalArgumentException e) {
            say(e.getMessage());
            progressText.setText(e.getMessage());
            return;
        } catch (IOException e) {
            say("Cannot create a folder for checkpoints: " + e.getMessage());
            return;
        }
        running = true;
        runDir = dir;
        stopRequested = false;
        trainer = null;
        pause.setText("Pause");
        setButtons();
        lossChart.clear();
        results.show(null, null);
        lossPoints.clear();
        trainPoints.clear();
        valPoints.clear();
        testImages = null;
        shownDesign = network.network();
        runData = dataset.title();
        runRecipe = RunRecord.recipe(cfg);
        // epochs sit at whole numbers; half an epoch of margin keeps the first and last dots inside
        accuracyChart.setXRange(0.5, cfg.epochs() + 0.5);
        accuracyChart.clear();
        smoothing = new Smoothing(SMOOTHING);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        progressText.setText("Loading " + dataset.title() + "\u2026");
        result.setText("");
        TrainableNetwork net = network;
        FxTrainingEvents events = new FxTrainingEvents(this::deliver);
        var data = dataset.load();
        Thread t = new Thread(() -> {
            try {
                Datasets.Loaded loaded = data.join();
                loaded.messages().forEach(events::message);
                DataSplit split = limited(loaded.split(), limit);
                testImages = split.test();
                Trainer tr = new Trainer(net.network(), split, cfg);
                tr.addListener(events);
                events.message("checkpoints: " + dir);
                trainer = tr;
                if (stopRequested) {
                    tr.stop();
                }
                tr.run();
            } catch (RuntimeException e) {
                // the dataset could not be loaded (its message says what to do)
                String why = DatasetChooser.messageOf(e);
                events.finished(new Result(Outcome.REFUSED, why, 0, Double.NaN, Double.NaN, Double.NaN, 0));
            } catch (Error e) {
                // e.g. ND4J's native library missing: end the run in the panel instead of leaving it "running"
                String why = NativeBackend.loadFailure(e).orElse("training failed: " + e);
                events.finished(new Result(Outcome.FAILED, why, 0, Double.NaN, Double.NaN, Double.NaN, 0));
            }
        }, "netcanvas-training-ui");
        t.setDaemon(true);
        t.start();
    }

    /** Ends the run after the current batch. */
    public void stop() {
        stopRequested = true;
        Trainer t = trainer;
        if (t != null) {
            t.stop();
        }
        if (running) {
            progressText.setText("Stopping after this batch\u2026");
        }
    }

    private void togglePause() {
        Trainer t = trainer;
        if (t == null) {
            return;
        }
        if (t.isPaused()) {
            t.resume();
            pause.setText("Pause");
            say("resumed");
        } else {
            t.pause();
            pause.setText("Resume");
            progressText.setText("paused \u00b7 " + progressText.getText());
            say("paused (after the current batch)");
        }
    }

    private static DataSplit limited(DataSplit split, int limit) {
        ImageData train = split.train();
        if (limit <= 0 || limit >= train.size()) {
            return split;
        }
        // a seeded random choice: taking every k-th image would pick only some classes of a set ordered by class
        // (the synthetic set cycles through its classes)
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < limit; i++) {
            int j = i + rnd.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] first = java.util.Arrays.copyOf(order, limit);
        java.util.Arrays.sort(first);
        return new DataSplit(train.subset(train.name(), first), split.test());
    }

    /** One batch of the trainer's events, on the FX thread: update buffers, then redraw once. */
    private void deliver(List<Object> events) {
        Iteration last = null;
        for (Object e : events) {
            if (e instanceof Iteration it) {
                rawLoss.add(it.iteration(), it.loss());
                lossPoints.add(new double[] {it.iteration(), it.loss()});
                smoothLoss.add(it.iteration(), smoothing.next(it.loss()));
                last = it;
            } else if (e instanceof Epoch ep) {
                epoch(ep);
            } else if (e instanceof Result r) {
                finished(r);
            } else if (e instanceof String s) {
                say(s);
            }
        }
        if (last != null && running) {
            Trainer t = trainer;
            progress.setProgress((double) last.iteration() / Math.max(1, last.totalIterations()));
            progressText.setText(String.format(Locale.ROOT, "%sepoch %d \u00b7 iteration %,d/%,d \u00b7 %,.0f img/s"
                    + " \u00b7 ETA %s", t != null && t.isPaused() ? "paused \u00b7 " : "", last.epoch(),
                    last.iteration(), last.totalIterations(), last.imagesPerSecond(),
                    Units.duration(last.etaSeconds())));
        }
        if (last != null) {
            lossChart.redraw();
        }
    }

    private void epoch(Epoch e) {
        trainAccuracy.add(e.epoch(), e.trainAccuracy());
        trainPoints.add(new double[] {e.epoch(), e.trainAccuracy()});
        if (!Double.isNaN(e.valAccuracy())) {
            valAccuracy.add(e.epoch(), e.valAccuracy());
            valPoints.add(new double[] {e.epoch(), e.valAccuracy()});
        }
        accuracyChart.redraw();
        say(e.describe(Units::duration));
    }

    /** Keeps Start where it is on screen while the content above or below it changes (e.g. results appear). */
    private void keepStartInPlace(Runnable change) {
        double before = start.localToScene(0, 0).getY();
        change.run();
        if (getScene() == null || getContent() == null) {
            return;
        }
        applyCss();
        layout();
        double after = start.localToScene(0, 0).getY();
        double scrollable = getContent().getLayoutBounds().getHeight() - getViewportBounds().getHeight();
        if (scrollable > 0 && Math.abs(after - before) > 0.5) {
            setVvalue(Math.max(0, Math.min(1, getVvalue() + (after - before) / scrollable)));
        }
    }

    private void finished(Result r) {
        keepStartInPlace(() -> finishedInPlace(r));
    }

    private void finishedInPlace(Result r) {
        running = false;
        setButtons();
        pause.setText("Pause");
        progress.setProgress(r.outcome() == Outcome.COMPLETED ? 1 : progress.getProgress() < 0 ? 0
                : progress.getProgress());
        String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
        if (r.outcome() == Outcome.COMPLETED) {
            String top5 = Double.isNaN(r.testTop5()) ? "" : String.format(Locale.ROOT, ", top-5 %.2f%%",
                    100 * r.testTop5());
            say(String.format(Locale.ROOT, "completed: %s%s (loss %.4f), %d epoch%s in %s", r.message(), top5,
                    r.testLoss(), r.epochsDone(), r.epochsDone() == 1 ? "" : "s", Units.duration(r.seconds())));
            result.setText(String.format(Locale.ROOT, "Test accuracy %.2f%%", 100 * r.testAccuracy()));
            progressText.setText("Done in " + Units.duration(r.seconds()));
        } else {
            say(outcome + ": " + r.message());
            result.setText(outcome.substring(0, 1).toUpperCase(Locale.ROOT) + outcome.substring(1));
            progressText.setText(r.message());
        }
        if (r.epochsDone() > 0) {
            // the trainer saved last/ (and best/) after each finished epoch: the Run panel uses them
            run.setCheckpoint(runDir);
        }
        Trainer t = trainer;
        if (r.outcome() == Outcome.COMPLETED && t != null && t.testReport() != null && testImages != null) {
            results.show(t.testReport(), testImages);
        }
        if (lossPoints.isEmpty() && r.epochsDone() == 0) {
            // refused, failed or stopped before its first step: nothing to keep, so no empty folder is left
            deleteQuietly(runDir);
        } else {
            saveRecord(r);
        }
        if (historyPane.isExpanded()) {
            history.refresh();
        }
    }

    private void saveRecord(Result r) {
        try {
            RunRecord.of(runDir, shownDesign == null ? "?" : shownDesign.name(), runData, runRecipe, r, lossPoints,
                    trainPoints, valPoints).save();
        } catch (IOException e) {
            say("Cannot save the run's summary in " + runDir + ": " + e.getMessage());
        }
    }

    private void deleteQuietly(Path dir) {
        try {
            RunRecord.delete(dir);
        } catch (IOException e) {
            say("Cannot remove the unused run folder " + dir + ": " + e.getMessage());
        }
    }

    private void say(String s) {
        log.getItems().add(s);
        log.scrollTo(log.getItems().size() - 1);
    }

    /** Log lines wrap instead of running off to the right. */
    private static final class WrappingCell extends javafx.scene.control.ListCell<String> {
        WrappingCell() {
            setWrapText(true);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
        }
    }

    // ---- for the window, tests and screenshots

    public boolean isRunning() {
        return running;
    }

    public DatasetChooser dataset() {
        return dataset;
    }

    public Hyperparameters settings() {
        return settings;
    }

    public LiveChart lossChart() {
        return lossChart;
    }

    public LiveChart accuracyChart() {
        return accuracyChart;
    }

    public List<String> log() {
        return List.copyOf(log.getItems());
    }

    public RunPanel runPanel() {
        return run;
    }

    public TestResultsView results() {
        return results;
    }

    public RunsHistory history() {
        return history;
    }

    public String progressText() {
        return progressText.getText();
    }

    public Button startButton() {
        return start;
    }

    public Button pauseButton() {
        return pause;
    }

    public Button stopButton() {
        return stop;
    }

    public String refusal() {
        return refusal.getText();
    }

    public String resultText() {
        return result.getText();
    }
}
