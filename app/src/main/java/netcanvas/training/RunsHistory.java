package netcanvas.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import netcanvas.runs.RunRecord;

/**
 * Every saved run (network, data, recipe, outcome and final figures): select several (Ctrl or Shift+click) to overlay
 * their loss and accuracy curves; Delete asks first, naming how many runs and their folders, then removes the folders,
 * checkpoints included, or, cancelled, nothing.
 */
public final class RunsHistory extends VBox {
    private static final Color[] COLORS = {Color.web("#1565c0"), Color.web("#c62828"), Color.web("#2e7d32"),
        Color.web("#ef6c00"), Color.web("#6a1b9a"), Color.web("#00838f"), Color.web("#5d4037"), Color.web("#ad1457")};

    private final Path runs;
    private final ListView<RunRecord> list = new ListView<>();
    private final Label recipe = new Label();
    private final Label message = new Label();
    /** The question before deleting: how many runs, their folders, and Delete or Cancel. */
    private final Label question = new Label();
    private final VBox confirm;
    /** The runs the question names (deleted as named, whatever is selected by the time the user answers). */
    private List<RunRecord> toDelete = List.of();
    private final LiveChart loss = new LiveChart("Loss per iteration (selected runs)", "iteration", true);
    private final LiveChart accuracy = new LiveChart("Validation accuracy per epoch (train where none)", "epoch",
            true);

    public RunsHistory(Path runs) {
        super(6);
        this.runs = runs;
        setId("runs-history");
        list.setId("runs-list");
        list.setPrefHeight(140);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RunRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.describe());
            }
        });
        list.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<RunRecord>) c -> overlay());
        Button refresh = new Button("Refresh");
        refresh.setId("runs-refresh");
        refresh.setOnAction(e -> refresh());
        Button delete = new Button("Delete");
        delete.setId("runs-delete");
        delete.setOnAction(e -> askToDelete());
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        question.setId("runs-delete-question");
        question.setWrapText(true);
        Button yes = new Button("Delete");
        yes.setId("runs-delete-confirm");
        yes.setStyle("-fx-text-fill: #c62828;");
        yes.setOnAction(e -> deleteAsked());
        Button no = new Button("Cancel");
        no.setId("runs-delete-cancel");
        no.setOnAction(e -> cancelDelete());
        HBox answers = new HBox(6, yes, no);
        confirm = new VBox(4, question, answers);
        confirm.setId("runs-delete-confirmation");
        confirm.setStyle("-fx-border-color: #c62828; -fx-border-radius: 3; -fx-padding: 6;");
        showConfirm(false);
        recipe.setId("runs-recipe");
        recipe.setWrapText(true);
        recipe.setStyle("-fx-font-size: 11px;");
        message.setId("runs-message");
        message.setWrapText(true);
        message.setStyle("-fx-font-size: 11px; -fx-text-fill: -nc-muted-text;");
        loss.setId("runs-loss-chart");
        loss.setPrefHeight(170);
        accuracy.setId("runs-accuracy-chart");
        accuracy.setPrefHeight(150);
        accuracy.setYRange(0, 1);
        accuracy.setPercent(true);
        // the buttons keep their words; the message (with the runs folder) wraps beside them
        refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        delete.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setMinWidth(0);
        HBox buttons = new HBox(6, refresh, delete, message);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(list, buttons, confirm, recipe, loss, accuracy);
        // read when first shown (the panel refreshes it on expanding), not at start-up
    }

    /** Reads the runs folder again (the saved runs), keeping the selection where the runs remain. */
    public void refresh() {
        List<Path> selected = list.getSelectionModel().getSelectedItems().stream().map(RunRecord::folder).toList();
        List<RunRecord> all = RunRecord.all(runs);
        list.getItems().setAll(all);
        for (int i = 0; i < all.size(); i++) {
            if (selected.contains(all.get(i).folder())) {
                list.getSelectionModel().select(i);
            }
        }
        message.setText(all.isEmpty() ? "No saved runs yet." : all.size() + " run" + (all.size() == 1 ? "" : "s")
                + " in " + runs);
        overlay();
    }

    private void overlay() {
        List<RunRecord> chosen = List.copyOf(list.getSelectionModel().getSelectedItems());
        loss.removeAllSeries();
        accuracy.removeAllSeries();
        StringBuilder recipes = new StringBuilder();
        double maxEpoch = 1;
        for (int i = 0; i < chosen.size(); i++) {
            RunRecord r = chosen.get(i);
            Color c = COLORS[i % COLORS.length];
            String name = r.network() + " " + r.started();
            LiveChart.Series l = loss.addSeries(name, c, 1.5, false);
            r.loss().forEach(p -> l.add(p[0], p[1]));
            List<double[]> acc = r.valAccuracy().isEmpty() ? r.trainAccuracy() : r.valAccuracy();
            LiveChart.Series a = accuracy.addSeries(name, c, 2, true);
            for (double[] p : acc) {
                a.add(p[0], p[1]);
                maxEpoch = Math.max(maxEpoch, p[0]);
            }
            recipes.append(recipes.isEmpty() ? "" : "\n").append(name).append(": ").append(r.recipe());
        }
        accuracy.setXRange(0.5, maxEpoch + 0.5);
        recipe.setText(recipes.toString());
        loss.redraw();
        accuracy.redraw();
    }

    /** Delete: names the selected runs and their folders and waits for Delete or Cancel. */
    private void askToDelete() {
        toDelete = List.copyOf(list.getSelectionModel().getSelectedItems());
        if (toDelete.isEmpty()) {
            return;
        }
        StringBuilder q = new StringBuilder("Delete " + count(toDelete.size()) + " and "
                + (toDelete.size() == 1 ? "its folder" : "their folders") + ", checkpoints included? This cannot be"
                + " undone.");
        for (RunRecord r : toDelete) {
            q.append("\n").append(r.folder());
        }
        question.setText(q.toString());
        showConfirm(true);
    }

    private void cancelDelete() {
        toDelete = List.of();
        showConfirm(false);
        message.setText("Nothing deleted.");
    }

    private void deleteAsked() {
        List<RunRecord> chosen = toDelete;
        toDelete = List.of();
        showConfirm(false);
        int deleted = 0;
        String failure = null;
        for (RunRecord r : chosen) {
            try {
                RunRecord.delete(r.folder());
                deleted++;
            } catch (IOException e) {
                failure = "Cannot delete " + r.folder() + ": " + e.getMessage();
            }
        }
        list.getSelectionModel().clearSelection();
        refresh();
        message.setText(failure != null ? failure : "Deleted " + count(deleted) + ".");
    }

    private static String count(int n) {
        return n + " run" + (n == 1 ? "" : "s");
    }

    private void showConfirm(boolean shown) {
        confirm.setVisible(shown);
        confirm.setManaged(shown);
    }

    // ---- for tests

    public List<RunRecord> runs() {
        return List.copyOf(list.getItems());
    }

    public ListView<RunRecord> list() {
        return list;
    }

    public LiveChart lossChart() {
        return loss;
    }

    public LiveChart accuracyChart() {
        return accuracy;
    }

    public String message() {
        return message.getText();
    }

    /** The question shown before deleting ("" when none is asked). */
    public String deleteQuestion() {
        return confirm.isVisible() ? question.getText() : "";
    }
}
