package netcanvas.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
import netcanvas.files.AppHome;
import netcanvas.report.Units;
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
    private TrainableNetwork network;
    private Smoothing smoothing;
    private volatile Trainer trainer;
    private volatile boolean stopRequested;
    private boolean running;
    private Path runDir;

    /** @param picker asks for dataset, checkpoint and image files */
    public TrainingPanel(netcanvas.files.FilePicker picker) {
        dataset = new DatasetChooser(picker);
        run = new RunPanel(dataset::spec, dataset::fashionDir, picker);
        setId("training-panel");
        setFitToWidth(true);
        networkLabel.setId("training-network");
        networkLabel.setStyle("-fx-font-weight: bold;");
        refusal.setId("training-refusal");
        refusal.setWrapText(true);
        refusal.setStyle("-fx-text-fill: #c62828;");
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
        HBox buttons = new HBox(6, start, pause, stop, result);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox bar = new HBox(8, progress, progressText);
        bar.setAlignment(Pos.CENTER_LEFT);
        TitledPane runPane = new TitledPane("Run the trained network", run);
        runPane.setId("training-run");
        // Start and the progress first: at 720 px the data and settings push anything below them off screen
        VBox content = new VBox(8, networkLabel, refusal, buttons, bar, dataset, settings, lossChart, accuracyChart,
                log, runPane);
        content.setPadding(new Insets(8));
        setContent(content);
        setButtons();
    }

    /** Follows the open design; a run in progress keeps training the network it started with. */
    public void setNetwork(Analysis a) {
        network = TrainableNetwork.of(a);
        networkLabel.setText("Training " + a.network().name()
                + (network.trainable() ? " (" + network.describe() + ")" : ""));
        refusal.setText(network.trainable() ? "" : network.refusal());
        refusal.setManaged(!network.trainable());
        refusal.setVisible(!network.trainable());
        dataset.setNetwork(network);
        setButtons();
    }

    private void setButtons() {
        boolean trainable = network != null && network.trainable();
        start.setDisable(running || !trainable);
        pause.setDisable(!running);
        stop.setDisable(!running);
        settings.setDisabledWhileTraining(running);
        dataset.setDisabledWhileTraining(running);
    }

    /** Starts a run of the current network (what the Start button and the Train menu do). */
    public void start() {
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
            dir = runFolder(network.network().name());
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
                Trainer tr = new Trainer(net.network(), limited(loaded.split(), limit), cfg);
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

    private static Path runFolder(String name) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path dir = AppHome.dir().resolve("runs").resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp);
        Files.createDirectories(dir);
        return dir;
    }

    /** One batch of the trainer's events, on the FX thread: update buffers, then redraw once. */
    private void deliver(List<Object> events) {
        Iteration last = null;
        for (Object e : events) {
            if (e instanceof Iteration it) {
                rawLoss.add(it.iteration(), it.loss());
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
        if (!Double.isNaN(e.valAccuracy())) {
            valAccuracy.add(e.epoch(), e.valAccuracy());
        }
        accuracyChart.redraw();
        say(e.describe(Units::duration));
    }

    private void finished(Result r) {
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

    public Button startButton() {
        return start;
    }

    public String refusal() {
        return refusal.getText();
    }

    public String resultText() {
        return result.getText();
    }
}
