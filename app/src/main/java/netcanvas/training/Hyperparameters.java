package netcanvas.training;

import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
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
        addRow(0, label("Optimizer"), optimizer, label("Learning rate"), lr);
        addRow(1, label("Batch"), batch, label("Epochs"), epochs);
        addRow(2, label("Weight decay"), weightDecay, label("Schedule"), schedule);
        addRow(3, label("Validation"), validation, label("Max images"), limit);
    }

    /** A label that keeps its whole text: in a narrow panel the fields beside it give up the width instead. */
    private static Label label(String s) {
        Label l = new Label(s);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
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
