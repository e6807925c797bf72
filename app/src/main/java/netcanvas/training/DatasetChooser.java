package netcanvas.training;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import netcanvas.data.DataException;
import netcanvas.data.Datasets;
import netcanvas.data.ImageData;

/**
 * Where the training images come from: the generated synthetic set (works with no files), Fashion-MNIST from its
 * Debian location, or a folder (IDX pair, CIFAR-10 batches, one sub-folder per class). Loads on a background thread,
 * fitted to the network's input, and shows one sample per class with its name and how the images were adapted.
 */
public final class DatasetChooser extends VBox {
    public static final String SYNTHETIC = "Synthetic (generated)";
    public static final String FASHION = "Fashion-MNIST";
    public static final String FOLDER = "Folder\u2026";

    private static final ExecutorService LOADER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netcanvas-dataset-loader");
        t.setDaemon(true);
        return t;
    });

    private final ChoiceBox<String> source = new ChoiceBox<>();
    private final Button browse = new Button("Choose\u2026");
    private final Label message = new Label();
    private final HBox samples = new HBox(6);
    private Path fashionDir = Datasets.FASHION_MNIST_DIR;
    private Path folder;
    private TrainableNetwork network;
    private String loadedKey;
    private CompletableFuture<Datasets.Loaded> loading;
    private final netcanvas.files.FilePicker picker;

    public DatasetChooser(netcanvas.files.FilePicker picker) {
        super(6);
        this.picker = picker;
        source.getItems().setAll(SYNTHETIC, FASHION, FOLDER);
        source.setValue(SYNTHETIC);
        source.setId("training-dataset");
        source.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the chosen set's whole name, never "Synth..."
        browse.setId("training-dataset-browse");
        browse.setOnAction(e -> chooseFolder());
        browse.setDisable(true);
        source.valueProperty().addListener((o, a, b) -> {
            browse.setDisable(!FOLDER.equals(b));
            if (FOLDER.equals(b) && folder == null) {
                chooseFolder();
            }
            refresh();
        });
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) {
                refresh();
            }
        });
        message.setId("training-dataset-message");
        message.setWrapText(true);
        message.setStyle("-fx-text-fill: -nc-muted-text; -fx-font-size: 11px;");
        samples.setId("training-samples");
        samples.setPadding(new Insets(2));
        ScrollPane strip = new ScrollPane(samples);
        strip.setFitToHeight(true);
        strip.setPrefViewportHeight(62);
        strip.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        HBox row = new HBox(6, new Label("Data"), source, browse);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(row, strip, message);
    }

    /** Looks for Fashion-MNIST somewhere else (tests use a missing folder to see the message). */
    public void setFashionDir(Path dir) {
        fashionDir = dir;
        refresh();
    }

    public Path fashionDir() {
        return fashionDir;
    }

    /** Reloads the preview when the network's input or classes change. */
    public void setNetwork(TrainableNetwork n) {
        boolean changed = network == null || !n.trainable() || !network.trainable() || network.channels() != n.channels()
                || network.height() != n.height() || network.width() != n.width() || network.classes() != n.classes();
        network = n;
        if (changed) {
            refresh();
        }
    }

    /** The dataset as Datasets.load names it. */
    public String spec() {
        String v = source.getValue();
        return SYNTHETIC.equals(v) ? "synthetic" : FASHION.equals(v) ? "fashion-mnist"
                : folder == null ? "" : folder.toString();
    }

    /** A short name for logs. */
    public String title() {
        return FOLDER.equals(source.getValue()) ? String.valueOf(folder) : source.getValue();
    }

    public void setDisabledWhileTraining(boolean running) {
        source.setDisable(running);
        browse.setDisable(running || !FOLDER.equals(source.getValue()));
    }

    private void chooseFolder() {
        Path f = picker.folder(getScene() == null ? null : getScene().getWindow(), netcanvas.files.FilePicker.Request
                .of("Dataset folder: IDX files, CIFAR-10 batches or one sub-folder per class", "Folder")
                .startingIn(folder));
        if (f != null) {
            folder = f;
            refresh();
        } else if (folder == null) {
            source.setValue(SYNTHETIC);
        }
    }

    private String key() {
        return spec() + "|" + fashionDir + "|" + network.channels() + "x" + network.height() + "x" + network.width()
                + "|" + network.classes();
    }

    private void refresh() {
        if (getScene() == null) {
            return; // not shown: load when the panel opens, not on every edit of a design nobody trains
        }
        if (network == null || !network.trainable()) {
            samples.getChildren().clear();
            message.setText(network == null ? "" : "The dataset is shown once the network can be trained.");
            return;
        }
        if (spec().isEmpty()) {
            message.setText("Choose a folder with IDX files, CIFAR-10 binary batches or one sub-folder per class.");
            return;
        }
        load();
    }

    /**
     * The chosen dataset fitted to the current network, loading it if the choice or the network changed. Completes
     * on the loader thread; fails with a DataException whose message says what to do.
     */
    public CompletableFuture<Datasets.Loaded> load() {
        String key = key();
        if (key.equals(loadedKey) && loading != null && !loading.isCompletedExceptionally()) {
            return loading;
        }
        String spec = spec();
        TrainableNetwork n = network;
        Path fashion = fashionDir;
        loadedKey = key;
        message.setText("Loading " + title() + "\u2026");
        samples.getChildren().clear();
        CompletableFuture<Datasets.Loaded> f = CompletableFuture.supplyAsync(() -> {
            try {
                checkSize(spec, n);
                return Datasets.load(spec, n.channels(), n.height(), n.width(), n.classes(), fashion);
            } catch (DataException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, LOADER);
        loading = f;
        f.whenComplete((loaded, error) -> Platform.runLater(() -> {
            if (loading != f) {
                return; // a newer choice replaced this one
            }
            if (error != null) {
                message.setText(messageOf(error));
                message.setStyle("-fx-text-fill: -nc-error-text; -fx-font-size: 11px;");
            } else {
                show(loaded);
            }
        }));
        return f;
    }

    /** Images the built-in sets hold once fitted: synthetic makes (200 + 50) per class, Fashion-MNIST has 70,000. */
    static long imagesOf(String spec, int classes) {
        return spec.equals("synthetic")
                ? (long) classes * (Datasets.SYNTHETIC_TRAIN_PER_CLASS + Datasets.SYNTHETIC_TEST_PER_CLASS)
                : spec.equals("fashion-mnist") ? 70_000 : 0;
    }

    /**
     * Refuses a built-in set that would not fit: the images are held as one byte array per split (at most 2 GiB) in
     * the Java heap, and ImageNet-sized inputs with 1,000 classes would need tens of GiB.
     */
    static void checkSize(String spec, TrainableNetwork n) throws DataException {
        long bytes = imagesOf(spec, n.classes()) * n.channels() * n.height() * n.width();
        long limit = Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 2);
        if (bytes > limit) {
            throw new DataException(String.format(java.util.Locale.ROOT, "%s for %s would take %.1f GiB in memory,"
                    + " more than the %.1f GiB it may use: train a smaller input (such as 1x32x32 or 3x32x32) or"
                    + " fewer classes on it, or choose a folder of images", spec.equals("synthetic")
                    ? "The synthetic set" : "Fashion-MNIST", n.describe(), bytes / (double) (1L << 30),
                    limit / (double) (1L << 30)));
        }
    }

    static String messageOf(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return t instanceof DataException ? t.getMessage() : "Cannot load the dataset: " + t;
    }

    private void show(Datasets.Loaded loaded) {
        ImageData train = loaded.split().train();
        message.setStyle("-fx-text-fill: -nc-muted-text; -fx-font-size: 11px;");
        // the last message is the shape adaptation; earlier ones (how synthetic data was made) only go to the log
        List<String> m = loaded.messages();
        message.setText(String.format(java.util.Locale.ROOT, "%,d training and %,d test images, %d classes. %s.",
                train.size(), loaded.split().test().size(), train.classes().size(),
                m.isEmpty() ? "" : capitalised(m.get(m.size() - 1))));
        samples.getChildren().clear();
        int[] first = Thumbnails.firstOfEachClass(train, 10);
        for (int c = 0; c < first.length; c++) {
            if (first[c] < 0) {
                continue;
            }
            ImageView v = new ImageView(Thumbnails.of(train, first[c]));
            v.setFitWidth(40);
            v.setFitHeight(40);
            v.setSmooth(false);
            Label name = new Label(train.classes().get(c));
            name.setStyle("-fx-font-size: 9px;");
            name.setMaxWidth(56);
            VBox cell = new VBox(1, v, name);
            cell.setAlignment(Pos.CENTER);
            cell.getStyleClass().add("training-sample");
            samples.getChildren().add(cell);
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Class names under the sample strip, in order (for tests). */
    public List<String> shownClasses() {
        return samples.getChildren().stream().map(n -> ((Label) ((VBox) n).getChildren().get(1)).getText()).toList();
    }

    public String message() {
        return message.getText();
    }
}
