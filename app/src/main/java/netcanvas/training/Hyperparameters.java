package netcanvas.training;

import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import netcanvas.analysis.Optimizer;
import netcanvas.data.Augmentation;
import netcanvas.train.Schedule;
import netcanvas.train.TrainConfig;

/** The run's settings as a form; {@link #config} turns them into a TrainConfig or says which field is wrong. */
public final class Hyperparameters extends GridPane {
    private final ChoiceBox<Optimizer> optimizer = new ChoiceBox<>();
    private final TextField lr = field("training-lr", "0.001", "learning rate, e.g. 1e-3");
    private final TextField batch = field("training-batch", "64", "images per step");
    private final TextField epochs = field("training-epochs", "5", "passes over the training images");
    private final TextField weightDecay = field("training-weight-decay", "0",
            "L2 penalty (decoupled for adamw), e.g. 5e-4");
    private final ChoiceBox<String> schedule = new ChoiceBox<>();
    private final TextField validation = field("training-validation", "0.1",
            "share of the training images held out to validate each epoch");
    private final TextField limit = field("training-limit", "0",
            "train on at most this many images (0: all), for a quick try");

    /** The labels and their controls in reading order; laid out two settings a row, or one when narrow. */
    private final java.util.List<Label> labels = new java.util.ArrayList<>();
    private final java.util.List<Control> controls = new java.util.ArrayList<>();
    /** Whether the settings are laid out two a row now (false: one a row). */
    private boolean twoPerRow;

    public Hyperparameters() {
        setHgap(6);
        setVgap(4);
        optimizer.getItems().setAll(Optimizer.values());
        optimizer.setValue(TrainConfig.defaults().optimizer());
        optimizer.setId("training-optimizer");
        schedule.getItems().setAll("constant", "step:10:0.1", "cosine", "plateau:0.1:2");
        schedule.setValue("constant");
        schedule.setId("training-schedule");
        schedule.setTooltip(new Tooltip("step:EPOCHS:GAMMA multiplies the rate by GAMMA every EPOCHS epochs;"
                + " plateau:GAMMA:PATIENCE when validation loss stalls; cosine decays to 0"));
        // a choice is never narrower than its longest item: squeezed, it showed "ad.." and "con..."
        optimizer.setMinWidth(Region.USE_PREF_SIZE);
        schedule.setMinWidth(Region.USE_PREF_SIZE);
        add("Optimizer", optimizer);
        add("Learning rate", lr);
        add("Batch", batch);
        add("Epochs", epochs);
        add("Weight decay", weightDecay);
        add("Schedule", schedule);
        add("Validation", validation);
        add("Max images", limit);
        arrange(true);
    }

    private void add(String text, Control control) {
        labels.add(label(text));
        controls.add(control);
        getChildren().addAll(labels.get(labels.size() - 1), control);
    }

    /** Places the settings two a row (label, control, label, control) or one a row, when that changes. */
    private void arrange(boolean two) {
        if (two == twoPerRow && !getColumnConstraints().isEmpty()) {
            return;
        }
        twoPerRow = two;
        int perRow = two ? 2 : 1;
        for (int i = 0; i < labels.size(); i++) {
            GridPane.setConstraints(labels.get(i), 2 * (i % perRow), i / perRow);
            GridPane.setConstraints(controls.get(i), 2 * (i % perRow) + 1, i / perRow);
        }
        java.util.List<javafx.scene.layout.ColumnConstraints> columns = new java.util.ArrayList<>();
        for (int c = 0; c < 2 * perRow; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setMinWidth(Region.USE_PREF_SIZE); // a column never narrower than its widest label or control
            columns.add(cc);
        }
        getColumnConstraints().setAll(columns);
        requestLayout();
    }

    /** The width two settings a row need: every label and control at its preferred width. */
    private double twoPerRowWidth() {
        double[] column = new double[4];
        for (int i = 0; i < labels.size(); i++) {
            int c = 2 * (i % 2);
            column[c] = Math.max(column[c], labels.get(i).prefWidth(-1));
            column[c + 1] = Math.max(column[c + 1], controls.get(i).prefWidth(-1));
        }
        return snappedLeftInset() + snappedRightInset() + column[0] + column[1] + column[2] + column[3]
                + 3 * getHgap();
    }

    /**
     * Two settings a row where the width allows every label and control its preferred width, else one a row. Decided
     * here, before the grid measures its columns, from the width the panel gives (which does not depend on the
     * arrangement, so the two never alternate); the panel asked {@link #computePrefHeight} for this width already.
     */
    @Override
    protected void layoutChildren() {
        arrange(getWidth() >= twoPerRowWidth() - 0.5);
        super.layoutChildren();
    }

    /** The height depends on the width given (one setting a row takes twice the rows). */
    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return twoPerRowWidth();
    }

    /**
     * One setting a row: the widest label beside the widest control. Two a row would ask for more and keep the panel's
     * content wider than its view, so that it could never narrow to where one a row takes over.
     */
    @Override
    protected double computeMinWidth(double height) {
        double label = 0;
        double control = 0;
        for (int i = 0; i < labels.size(); i++) {
            label = Math.max(label, labels.get(i).prefWidth(-1));
            control = Math.max(control, controls.get(i).prefWidth(-1));
        }
        return snappedLeftInset() + snappedRightInset() + label + getHgap() + control;
    }

    @Override
    protected double computePrefHeight(double width) {
        return heightFor(width < 0 ? twoPerRow : width >= twoPerRowWidth() - 0.5);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    /** The rows' height, two settings a row or one. */
    private double heightFor(boolean two) {
        int perRow = two ? 2 : 1;
        double height = 0;
        int rows = 0;
        for (int first = 0; first < labels.size(); first += perRow) {
            double row = 0;
            for (int i = first; i < Math.min(labels.size(), first + perRow); i++) {
                row = Math.max(row, Math.max(labels.get(i).prefHeight(-1), controls.get(i).prefHeight(-1)));
            }
            height += row;
            rows++;
        }
        return snappedTopInset() + snappedBottomInset() + height + Math.max(0, rows - 1) * getVgap();
    }

    /** Whether the settings stand two a row (a wide panel) or one a row (a narrow one). */
    public boolean twoPerRow() {
        return twoPerRow;
    }

    /** A label that keeps its whole text: in a narrow panel the fields beside it give up the width instead. */
    private static Label label(String s) {
        Label l = new Label(s);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TextField field(String id, String value, String tip) {
        TextField f = new TextField(value);
        f.setId(id);
        f.setPrefColumnCount(6);
        f.setTooltip(new Tooltip(tip));
        return f;
    }

    /** The settings, saving checkpoints to dir; IllegalArgumentException names the field that is wrong. */
    public TrainConfig config(Path checkpointDir) {
        TrainConfig d = TrainConfig.defaults();
        return new TrainConfig(integer(epochs, "Epochs"), integer(batch, "Batch"), optimizer.getValue(),
                number(lr, "Learning rate"), d.momentum(), number(weightDecay, "Weight decay"),
                Schedule.parse(schedule.getValue()), number(validation, "Validation"), d.normalize(),
                Augmentation.NONE, d.seed(), checkpointDir, null);
    }

    /** At most this many training images, or 0 for all. */
    public int imageLimit() {
        int n = integer(limit, "Max images");
        if (n < 0) {
            throw new IllegalArgumentException("Max images must be 0 (all) or more");
        }
        return n;
    }

    private static double number(TextField f, String name) {
        try {
            return Double.parseDouble(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + f.getText() + "' is not a number");
        }
    }

    private static int integer(TextField f, String name) {
        try {
            return Integer.parseInt(f.getText().trim().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + f.getText() + "' is not a whole number");
        }
    }

    /** Every field's text by name ("lr", "epochs", ...), as {@link #set} takes them: what the window remembers. */
    public java.util.Map<String, String> values() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Node n : getChildren()) {
            if (n.getId() != null && n.getId().startsWith("training-")) {
                String name = n.getId().substring("training-".length());
                if (n instanceof TextField t) {
                    out.put(name, t.getText());
                } else if (n instanceof ChoiceBox<?> c && c.getValue() != null) {
                    out.put(name, c.getValue().toString());
                }
            }
        }
        return out;
    }

    /** Sets a field by name, as a user typing would (for tests and presets of settings). */
    public void set(String name, String value) {
        Node n = lookup("#training-" + name.toLowerCase(Locale.ROOT));
        if (n instanceof TextField t) {
            t.setText(value);
        } else if (n instanceof ChoiceBox<?> c) {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> s = (ChoiceBox<String>) c;
            s.setValue(value);
        } else {
            throw new IllegalArgumentException("no setting " + name);
        }
    }

    public void setDisabledWhileTraining(boolean running) {
        setDisable(running);
    }
}
