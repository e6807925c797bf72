package netcanvas.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import netcanvas.data.DataException;
import netcanvas.data.Datasets;
import netcanvas.data.ImageData;
import netcanvas.train.Predictor;
import netcanvas.train.TrainingException;

/**
 * Inference: runs the last trained weights (or a chosen checkpoint) on an image file or a test sample of the chosen
 * dataset, off the FX thread, and shows the image as the network sees it with the five most likely classes.
 */
public final class RunPanel extends VBox {
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netcanvas-inference");
        t.setDaemon(true);
        return t;
    });

    private final Label source = new Label("Train the network, or choose a checkpoint folder.");
    private final Button image = new Button("Image\u2026");
    private final Button sample = new Button("Test sample");
    private final TextField sampleIndex = new TextField("0");
    private final ImageView view = new ImageView();
    private final VBox ranking = new VBox(2);
    private final Label message = new Label();
    private final Supplier<String> datasetSpec;
    private final Supplier<Path> fashionDir;
    private final netcanvas.files.FilePicker picker;
    private Path checkpoint;
    private Predictor predictor;
    private Path predictorFrom;
    private java.util.function.Consumer<Path> onCheckpointChosen = dir -> {
    };

    public RunPanel(Supplier<String> datasetSpec, Supplier<Path> fashionDir, netcanvas.files.FilePicker picker) {
        super(6);
        this.picker = picker;
        this.datasetSpec = datasetSpec;
        this.fashionDir = fashionDir;
        Button choose = new Button("Checkpoint\u2026");
        choose.setOnAction(e -> chooseCheckpoint());
        image.setId("run-image");
        image.setOnAction(e -> chooseImage());
        sample.setId("run-sample");
        sample.setOnAction(e -> runSample(parseIndex()));
        sampleIndex.setId("run-sample-index");
        sampleIndex.setPrefColumnCount(4);
        source.setId("run-checkpoint");
        source.setWrapText(true);
        source.setStyle("-fx-font-size: 11px;");
        message.setId("run-message");
        message.setWrapText(true);
        message.setStyle("-fx-font-size: 11px; -fx-text-fill: -nc-muted-text;");
        view.setFitWidth(84);
        view.setFitHeight(84);
        view.setSmooth(false);
        ranking.setId("run-ranking");
        HBox.setHgrow(ranking, Priority.ALWAYS);
        // the buttons keep their words and wrap onto a second row in a narrow panel (cut, they read "Checkpo...");
        // the sample's number stays beside its button
        HBox sampleAndIndex = new HBox(6, sample, sampleIndex);
        sampleAndIndex.setAlignment(Pos.CENTER_LEFT);
        for (Button b : List.of(choose, image, sample)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, choose, image, sampleAndIndex);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox result = new HBox(10, view, ranking);
        getChildren().addAll(source, buttons, result, message);
        setReady(false);
    }

    /** Uses this checkpoint folder (a run's folder, or best/ or last/ in it). */
    public void setCheckpoint(Path dir) {
        checkpoint = dir;
        source.setText("Weights: " + dir);
        setReady(true);
    }

    private void setReady(boolean ready) {
        image.setDisable(!ready);
        sample.setDisable(!ready);
    }

    private int parseIndex() {
        try {
            return Integer.parseInt(sampleIndex.getText().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void chooseCheckpoint() {
        Path f = picker.folder(getScene() == null ? null : getScene().getWindow(), netcanvas.files.FilePicker.Request
                .of("Checkpoint folder (with weights.bin, or a run's folder with best/ and last/)", "Folder")
                .startingIn(checkpoint));
        if (f != null) {
            setCheckpoint(f);
            onCheckpointChosen.accept(f);
        }
    }

    /** Told when the user chooses other weights (the training panel then drops the older run's charts). */
    void setOnCheckpointChosen(java.util.function.Consumer<Path> listener) {
        onCheckpointChosen = listener;
    }

    private void chooseImage() {
        Path f = picker.open(getScene() == null ? null : getScene().getWindow(), netcanvas.files.FilePicker.Request
                .of("Image to classify", "Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
        if (f != null) {
            runImage(f);
        }
    }

    /** Classifies an image file, fitted to the network input as training data is. */
    public void runImage(Path file) {
        Path ck = checkpoint;
        busy("Running on " + file.getFileName() + "\u2026");
        WORKER.execute(() -> {
            try {
                Predictor p = predictor(ck);
                Predictor.Fitted fitted = p.fit(file);
                List<Predictor.Prediction> top = p.predict(fitted.image(), 0, 5);
                show(Thumbnails.of(fitted.image(), 0), top, file.getFileName() + ": " + fitted.adaptation());
            } catch (TrainingException | DataException | RuntimeException e) {
                fail(e);
            }
        });
    }

    /** Classifies test sample i of the chosen dataset. */
    public void runSample(int i) {
        Path ck = checkpoint;
        String spec = datasetSpec.get();
        Path fashion = fashionDir.get();
        busy("Running on test sample " + i + "\u2026");
        WORKER.execute(() -> {
            try {
                Predictor p = predictor(ck);
                var s = p.inputShape();
                ImageData test = Datasets.load(spec, (int) s.channels(), (int) s.height(), (int) s.width(),
                        p.checkpoint().classes().size(), fashion).split().test();
                if (i < 0 || i >= test.size()) {
                    throw new DataException("The sample number must be between 0 and " + (test.size() - 1));
                }
                List<Predictor.Prediction> top = p.predict(test, i, 5);
                show(Thumbnails.of(test, i), top, test.name() + " sample " + i + ", true class: "
                        + test.classes().get(test.labels()[i]));
            } catch (TrainingException | DataException | RuntimeException e) {
                fail(e);
            }
        });
    }

    /** Loads the checkpoint once per folder (on the worker thread). */
    private synchronized Predictor predictor(Path ck) throws TrainingException {
        if (predictor == null || !ck.equals(predictorFrom)) {
            predictor = Predictor.load(ck);
            predictorFrom = ck;
            // a run folder's best/ (else last/): say which checkpoint, and which epoch, answers
            String used = "Weights: " + predictor.checkpoint().describe(predictor.folder());
            Platform.runLater(() -> source.setText(used));
        }
        return predictor;
    }

    private void busy(String text) {
        message.setText(text);
        ranking.getChildren().clear();
    }

    private void show(Image img, List<Predictor.Prediction> top, String text) {
        Platform.runLater(() -> {
            view.setImage(img);
            ranking.getChildren().clear();
            for (int k = 0; k < top.size(); k++) {
                Predictor.Prediction p = top.get(k);
                Label l = new Label(String.format(Locale.ROOT, "%d. %s  %.1f%%", k + 1, p.label(),
                        100 * p.probability()));
                l.setId("run-result-" + k);
                l.setMinWidth(150);
                ProgressBar bar = new ProgressBar(p.probability());
                bar.setPrefWidth(140);
                HBox row = new HBox(6, l, bar);
                row.setAlignment(Pos.CENTER_LEFT);
                ranking.getChildren().add(row);
            }
            message.setText(text);
        });
    }

    private void fail(Exception e) {
        String text = e instanceof TrainingException || e instanceof DataException ? e.getMessage()
                : "Inference failed: " + e;
        Platform.runLater(() -> {
            ranking.getChildren().clear();
            message.setText(text);
        });
    }

    /** The ranking's lines, "1. pattern 3  97.5%" (for tests). */
    public List<String> rankingLines() {
        return ranking.getChildren().stream().map(n -> ((Label) ((HBox) n).getChildren().get(0)).getText()).toList();
    }

    public String message() {
        return message.getText();
    }
}
