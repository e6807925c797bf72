package netcanvas.summary;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.geometry.Orientation;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.Totals;
import netcanvas.report.Units;

/**
 * The network's totals: trainable parameters (PyTorch's parameters() count), MACs, activation memory for one sample,
 * the training memory estimate for the chosen batch size and optimizer, and the count of problems.
 */
public final class StatusBar extends HBox {
    private final Label params = label("status-params");
    private final Label macs = label("status-macs");
    private final Label activations = label("status-activations");
    private final Label training = label("status-training");
    private final Label epoch = label("status-epoch");
    private final javafx.scene.control.Hyperlink problems = new javafx.scene.control.Hyperlink();
    private final Label message = label("status-message");
    /** A note is news only for a while: it clears itself after this long (and on the next edit, see clearNote). */
    private final javafx.animation.PauseTransition noteExpiry =
            new javafx.animation.PauseTransition(javafx.util.Duration.seconds(NOTE_SECONDS));
    static final double NOTE_SECONDS = 12;
    private boolean busy;
    private final Spinner<Integer> batch = new Spinner<>(1, 65536, 32);
    private final ChoiceBox<Optimizer> optimizer = new ChoiceBox<>();
    private Analysis analysis;
    private netcanvas.report.CostConvention cost = netcanvas.report.CostConvention.MACS;
    /** This machine's calibration from NetCanvas's home folder (shared with summary --time), or null. */
    private netcanvas.analysis.MachineSpeed speed;
    private boolean calibrating;
    /** Receives the time estimate after each refresh (null while the machine is not calibrated). */
    private java.util.function.Consumer<netcanvas.analysis.TimeEstimate> onEstimate = t -> { };
    /** Images per epoch for the epoch estimate: Fashion-MNIST's and MNIST's training set. */
    static final long EPOCH_IMAGES = 60_000;
    private Runnable onProblems = () -> { };

    public StatusBar() {
        super(10);
        problems.setId("status-problems");
        problems.setFocusTraversable(false);
        problems.setOnAction(e -> {
            problems.setVisited(false);
            onProblems.run();
        });
        problems.setTooltip(new Tooltip("Open the Problems list: every error and warning, each a link to its node"));
        batch.setTooltip(new Tooltip("Batch size of the training-memory estimate (and of the training panel)"));
        optimizer.setTooltip(new Tooltip("Optimizer of the training-memory estimate: its state per weight "
                + "(none for sgd, one for momentum, two for adam)"));
        for (Label l : new Label[] {params, macs, activations, training}) {
            l.setTooltip(new Tooltip());
        }
        noteExpiry.setOnFinished(e -> {
            if (!busy) {
                message.setText("");
            }
        });
        batch.setEditable(true);
        batch.setPrefWidth(90);
        batch.setId("status-batch");
        optimizer.getItems().setAll(Optimizer.SGD, Optimizer.MOMENTUM, Optimizer.ADAM);
        optimizer.setValue(Optimizer.ADAM);
        batch.valueProperty().addListener((o, a, b) -> refresh());
        optimizer.valueProperty().addListener((o, a, b) -> refresh());
        // the totals keep their full text; a long note is the one to shorten (its whole text is in the tooltip)
        Label batchLabel = new Label("Batch");
        batch.setMinWidth(Region.USE_PREF_SIZE);
        optimizer.setMinWidth(Region.USE_PREF_SIZE);
        batchLabel.setTooltip(batch.getTooltip());
        for (Region l : new Region[] {params, macs, activations, training, epoch, problems, batchLabel}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        message.setMinWidth(0);
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(message.textProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(params, sep(), macs, sep(), activations, sep(), batchLabel, batch, optimizer,
                training, epoch, sep(), problems, gap, message);
        speed = calibrationCache().read();
        epoch.setTooltip(new javafx.scene.control.Tooltip());
        epoch.setOnMouseClicked(e -> calibrate());
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        getStyleClass().add("status-bar"); // its colours come from the theme (netcanvas.css)
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        return l;
    }

    private static Separator sep() {
        return new Separator(Orientation.VERTICAL);
    }

    public void show(Analysis a) {
        analysis = a;
        refresh();
    }

    private void refresh() {
        if (analysis == null) {
            return;
        }
        Totals t = analysis.totals();
        String lower = t.complete() ? "" : "\u2265 ";
        // Short texts, so the bar fits a 1280 px window; the tooltips hold the whole story.
        String partial = t.complete() ? "" : "\n\u2265: a lower bound, some layers have no shape yet";
        params.setText("Params: " + bound(lower, t.trainableParams()) + Units.count(t.trainableParams()));
        params.getTooltip().setText("Trainable parameters (PyTorch's parameters()): " + bound(lower,
                t.trainableParams()) + Units.count(t.trainableParams()) + (t.stateValues() > 0
                ? "\nPlus " + bound("", t.stateValues()) + Units.count(t.stateValues())
                + " BatchNorm running statistics (buffers, not trained)" : "") + partial);
        long ops = cost.total(analysis);
        macs.setText(cost.column() + ": " + bound(lower, ops) + Units.scaled(ops));
        macs.getTooltip().setText(cost.description() + ", for one sample: " + bound(lower, ops) + Units.count(ops)
                + partial);
        activations.setText("Activations: " + bound(lower, t.activationBytes()) + Units.bytes(t.activationBytes()));
        activations.getTooltip().setText("Activation memory for one sample (every layer's output, float32): "
                + bound(lower, t.activationBytes()) + Units.bytes(t.activationBytes()) + partial);
        netcanvas.analysis.MemoryEstimate memory = analysis.memoryPerLayer(batch.getValue(), optimizer.getValue());
        netcanvas.analysis.LayerMemory m = memory.total();
        long peak = memory.peak();
        training.setText("Training: " + bound(lower, peak) + Units.bytes(peak));
        training.getTooltip().setText("Training memory at its peak for batch " + batch.getValue() + " with "
                + optimizer.getValue().spelling() + ": weights " + Units.bytes(m.weights()) + " + gradients "
                + Units.bytes(m.gradients()) + " + optimizer state " + Units.bytes(m.optimizerState())
                + " + activations kept for the backward pass " + Units.bytes(m.savedActivations())
                + " and their gradients " + Units.bytes(m.activationGradients()) + " + native kernel state and the"
                + " largest workspace " + Units.bytes(m.kernelsAndWorkspace()) + partial);
        showEpoch();
        long errors = analysis.diagnostics().stream().filter(d -> d.isError()).count();
        long warnings = analysis.diagnostics().size() - errors;
        problems.setText(ProblemsPanel.plural(errors, "error") + ", " + ProblemsPanel.plural(warnings, "warning"));
        problems.setStyle(errors > 0 ? "-fx-text-fill: -nc-error-text; -fx-font-weight: bold;"
                : warnings > 0 ? "-fx-text-fill: -nc-warning-text;" : "-fx-text-fill: -nc-text;");
    }

    private void showEpoch() {
        if (calibrating) {
            epoch.setText("Epoch: calibrating\u2026");
            return;
        }
        if (speed == null) {
            onEstimate.accept(null);
            epoch.setText("Epoch: click to calibrate");
            epoch.getTooltip().setText("Measures this machine's convolution speed and memory bandwidth (a few"
                    + " seconds, once; kept for summary --time too)");
            return;
        }
        netcanvas.analysis.TimeEstimate t = analysis.timePerLayer(batch.getValue(), optimizer.getValue(), speed);
        onEstimate.accept(t);
        epoch.setText("Epoch: " + netcanvas.report.EstimateReport.duration(t.epochSeconds(EPOCH_IMAGES)));
        epoch.getTooltip().setText("One pass over " + Units.count(EPOCH_IMAGES) + " images at batch "
                + batch.getValue() + ": " + netcanvas.report.EstimateReport.duration(t.stepSeconds())
                + " a step, roofline plus a fixed time per native call, at " + speed
                + " (click to measure the machine again)");
    }

    /** Where the training-time estimate goes after each change of network, batch size or optimizer. */
    public void onTimeEstimate(java.util.function.Consumer<netcanvas.analysis.TimeEstimate> listener) {
        onEstimate = java.util.Objects.requireNonNull(listener);
    }

    private static netcanvas.io.MachineSpeedCache calibrationCache() {
        return new netcanvas.io.MachineSpeedCache(netcanvas.io.AppHome.dir().resolve(
                netcanvas.io.MachineSpeedCache.FILE_NAME), netcanvas.io.MachineSpeedCache.thisMachine());
    }

    /** Measures the machine off the JavaFX thread (ND4J loads then), keeps the result and shows the estimate. */
    private void calibrate() {
        if (calibrating) {
            return;
        }
        calibrating = true;
        refresh();
        Thread t = new Thread(() -> {
            netcanvas.analysis.MachineSpeed measured = null;
            String problem = null;
            try {
                netcanvas.train.NativeSetup.await();
                measured = netcanvas.train.SpeedCalibration.measure(1.5);
                calibrationCache().write(measured);
            } catch (Exception | LinkageError e) {
                problem = "calibration failed: " + (e.getMessage() != null ? e.getMessage() : e.toString());
            }
            netcanvas.analysis.MachineSpeed result = measured;
            String note = problem;
            javafx.application.Platform.runLater(() -> {
                calibrating = false;
                if (result != null) {
                    speed = result;
                }
                if (note != null) {
                    tell(note);
                }
                refresh();
            });
        }, "netcanvas-calibration");
        t.setDaemon(true);
        t.start();
    }

    /** "> " before a total capped at 2^63 - 1 (its true value is larger), else the lower-bound mark if any. */
    private static String bound(String lower, long total) {
        return Totals.isCapped(total) ? "> " : lower;
    }

    /** A transient note (a refused edit, a saved file); it clears itself after a while. */
    public void tell(String text) {
        message.setText(text);
        noteExpiry.playFromStart();
    }

    /**
     * Whether the bar draws its note whole: beside resnet50's figures a 1280 px window leaves it no room, and it is
     * drawn as "..." (the caller then shows it elsewhere).
     */
    public boolean noteShownWhole() {
        applyCss();
        layout();
        javafx.scene.Node drawn = message.lookup(".text");
        return !(drawn instanceof javafx.scene.text.Text t) || message.getText().equals(t.getText());
    }

    /** Clears the note (the network changed since it was told, so it is no longer news); not while busy. */
    public void clearNote() {
        if (!busy) {
            noteExpiry.stop();
            message.setText("");
        }
    }

    /** What clicking the problem counts does (opens the Problems list). */
    public void setOnProblems(Runnable action) {
        onProblems = action;
    }

    /** Shows this note while work runs in the background (a model being read); the window shows an indicator. */
    public void busy(String text) {
        busy = true;
        message.setText(text);
    }

    /** The background work has ended; the note stays a while, as any other. */
    public void idle() {
        busy = false;
        noteExpiry.playFromStart();
    }

    public boolean isBusy() {
        return busy;
    }

    public String message() {
        return message.getText();
    }

    /** Counts arithmetic in this convention (View › Cost Convention), naming it. */
    public void setCost(netcanvas.report.CostConvention c) {
        cost = c;
        refresh();
    }

    public ChoiceBox<Optimizer> optimizer() {
        return optimizer;
    }

    public Spinner<Integer> batch() {
        return batch;
    }

    public Label paramsLabel() {
        return params;
    }
}
