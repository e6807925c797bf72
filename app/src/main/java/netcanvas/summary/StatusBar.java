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
import netcanvas.analysis.Totals;
import netcanvas.analysis.TrainingMemory;

/**
 * The network's totals: trainable parameters (PyTorch's parameters() count), MACs, activation memory for one sample,
 * the training memory estimate for the chosen batch size and optimizer, and the count of problems.
 */
public final class StatusBar extends HBox {
    private final Label params = label("status-params");
    private final Label macs = label("status-macs");
    private final Label activations = label("status-activations");
    private final Label training = label("status-training");
    private final javafx.scene.control.Hyperlink problems = new javafx.scene.control.Hyperlink();
    private final Label message = label("status-message");
    /** A note is news only for a while: it clears itself after this long (and on the next edit, see clearNote). */
    private final javafx.animation.PauseTransition noteExpiry =
            new javafx.animation.PauseTransition(javafx.util.Duration.seconds(NOTE_SECONDS));
    static final double NOTE_SECONDS = 12;
    private boolean busy;
    private final Spinner<Integer> batch = new Spinner<>(1, 65536, 32);
    private final ChoiceBox<String> optimizer = new ChoiceBox<>();
    private Analysis analysis;
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
        optimizer.getItems().setAll("sgd", "momentum", "adam");
        optimizer.setValue("adam");
        batch.valueProperty().addListener((o, a, b) -> refresh());
        optimizer.valueProperty().addListener((o, a, b) -> refresh());
        // the totals keep their full text; a long note is the one to shorten (its whole text is in the tooltip)
        Label batchLabel = new Label("Batch");
        batch.setMinWidth(Region.USE_PREF_SIZE);
        optimizer.setMinWidth(Region.USE_PREF_SIZE);
        batchLabel.setTooltip(batch.getTooltip());
        for (Region l : new Region[] {params, macs, activations, training, problems, batchLabel}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        message.setMinWidth(0);
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(message.textProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(params, sep(), macs, sep(), activations, sep(), batchLabel, batch, optimizer,
                training, sep(), problems, gap, message);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        setStyle("-fx-background-color: #eceff1; -fx-border-color: #cfd8dc; -fx-border-width: 1 0 0 0;");
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
        params.setText("Params: " + bound(lower, t.trainableParams()) + Formats.count(t.trainableParams()));
        params.getTooltip().setText("Trainable parameters (PyTorch's parameters()): " + bound(lower,
                t.trainableParams()) + Formats.count(t.trainableParams()) + (t.stateValues() > 0
                ? "\nPlus " + bound("", t.stateValues()) + Formats.count(t.stateValues())
                + " BatchNorm running statistics (buffers, not trained)" : "") + partial);
        macs.setText("MACs: " + bound(lower, t.macs()) + Formats.si(t.macs()));
        macs.getTooltip().setText("Multiply-adds of convolutions and dense layers for one sample: "
                + bound(lower, t.macs()) + Formats.count(t.macs()) + partial);
        activations.setText("Activations: " + bound(lower, t.activationBytes()) + Formats.bytes(t.activationBytes()));
        activations.getTooltip().setText("Activation memory for one sample (every layer's output, float32): "
                + bound(lower, t.activationBytes()) + Formats.bytes(t.activationBytes()) + partial);
        TrainingMemory m = analysis.trainingMemory(batch.getValue(), optimizer.getValue());
        training.setText("Training: " + bound(lower, m.total()) + Formats.bytes(m.total()));
        training.getTooltip().setText("Training memory estimate for batch " + batch.getValue() + " with "
                + optimizer.getValue() + ": weights " + Formats.bytes(m.weights()) + " + gradients "
                + Formats.bytes(m.gradients()) + " + optimizer state " + Formats.bytes(m.optimizerState())
                + " + activations kept for the backward pass (2 x batch) " + Formats.bytes(m.activations()) + partial);
        long errors = analysis.diagnostics().stream().filter(d -> d.isError()).count();
        long warnings = analysis.diagnostics().size() - errors;
        problems.setText(ProblemsPanel.plural(errors, "error") + ", " + ProblemsPanel.plural(warnings, "warning"));
        problems.setStyle(errors > 0 ? "-fx-text-fill: #c62828; -fx-font-weight: bold;"
                : warnings > 0 ? "-fx-text-fill: #e65100;" : "-fx-text-fill: #37474f;");
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

    public ChoiceBox<String> optimizer() {
        return optimizer;
    }

    public Spinner<Integer> batch() {
        return batch;
    }

    public Label paramsLabel() {
        return params;
    }
}
