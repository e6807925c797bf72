package netcanvas.training;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import netcanvas.data.ImageData;
import netcanvas.train.TestReport;

/**
 * A finished run's test-set results: the confusion matrix (counts or row shares; a click on a cell shows its images),
 * precision and recall per class, and the most confidently misclassified images.
 */
public final class TestResultsView extends VBox {
    /** Misclassified images the gallery shows, most confident first. */
    static final int GALLERY = 24;
    /** Images a clicked cell shows at most. */
    static final int CELL_IMAGES = 48;

    private final Label title = new Label("Train the network to see what it gets right and wrong on the test set.");
    private final ToggleButton normalised = new ToggleButton("Normalised");
    private final GridPane matrix = new GridPane();
    private final Label cellTitle = new Label();
    private final FlowPane cellImages = new FlowPane(3, 3);
    private final GridPane perClass = new GridPane();
    private final FlowPane gallery = new FlowPane(6, 6);
    private TestReport report;
    private ImageData test;

    public TestResultsView() {
        super(6);
        setId("results");
        title.setWrapText(true);
        title.setId("results-title");
        normalised.setId("results-normalised");
        normalised.setTooltip(new Tooltip("Show each row as shares of the class's test images (recall on the"
                + " diagonal) instead of counts"));
        normalised.setOnAction(e -> fillMatrix());
        matrix.setId("results-confusion");
        matrix.setHgap(1);
        matrix.setVgap(1);
        cellTitle.setId("results-cell-title");
        cellTitle.setWrapText(true);
        cellImages.setId("results-cell-images");
        perClass.setId("results-per-class");
        perClass.setHgap(12);
        gallery.setId("results-misclassified");
        Label matrixHelp = new Label("Rows: true class \u00b7 columns: predicted class. Click a cell to see its"
                + " images.");
        matrixHelp.setWrapText(true);
        matrixHelp.setStyle("-fx-font-size: 11px; -fx-text-fill: -nc-muted-text;");
        getChildren().addAll(title, new HBox(6, normalised), matrixHelp, sideways(matrix), cellTitle, cellImages,
                heading("Precision and recall per class"), sideways(perClass),
                heading("Most confidently misclassified test images"), gallery);
        show(null, null);
    }

    /**
     * A table wider than the panel scrolls sideways on its own, so that it does not widen the whole panel past its
     * dock (which cut off the charts and the settings at the right edge) and does not elide its rows.
     */
    private static javafx.scene.control.ScrollPane sideways(GridPane table) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(table);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.setFitToHeight(true);
        scroll.setMinWidth(0);
        // as tall as the table, plus room for the sideways scroll bar where one is shown
        scroll.minHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> table.prefHeight(-1) + 16, table.heightProperty(), table.getChildren()));
        return scroll;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        l.setPadding(new Insets(6, 0, 0, 0));
        // wraps in a narrow panel instead of ending in "..." ("Most confidently misclassified test ima...")
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** Shows a run's results, or nothing (null) when the shown run has none (stopped, refused) or went stale. */
    public void show(TestReport r, ImageData testImages) {
        report = r;
        test = testImages;
        boolean has = r != null;
        for (var n : getChildren()) {
            if (n != title) {
                n.setManaged(has);
                n.setVisible(has);
            }
        }
        cellTitle.setText("");
        cellImages.getChildren().clear();
        if (!has) {
            title.setText("Train the network to see what it gets right and wrong on the test set.");
            matrix.getChildren().clear();
            perClass.getChildren().clear();
            gallery.getChildren().clear();
            return;
        }
        title.setText(String.format(Locale.ROOT, "Test set: %,d images, %.2f%% right", r.size(), 100 * r.accuracy()));
        fillMatrix();
        fillPerClass();
        fillGallery();
    }

    private void fillMatrix() {
        matrix.getChildren().clear();
        if (report == null) {
            return;
        }
        List<String> classes = report.classes();
        int k = classes.size();
        double side = k <= 12 ? 34 : k <= 30 ? 22 : 8;
        for (int t = 0; t < k; t++) {
            // the whole (short) name: a panel too narrow scrolls sideways rather than eliding every row to "..."
            String n = classes.get(t);
            Label name = new Label(t + ". " + (n.length() > 16 ? n.substring(0, 15) + "\u2026" : n));
            name.setStyle("-fx-font-size: 11px;");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            name.setTooltip(new Tooltip(n));
            matrix.add(name, 0, t + 1);
            Label col = new Label(Integer.toString(t));
            col.setStyle("-fx-font-size: 10px;");
            col.setMinWidth(side);
            col.setAlignment(Pos.CENTER);
            matrix.add(col, t + 1, 0);
            for (int p = 0; p < k; p++) {
                matrix.add(cell(t, p, side), p + 1, t + 1);
            }
        }
    }

    private Label cell(int t, int p, double side) {
        long n = report.count(t, p);
        double share = report.normalised(t, p);
        String text = side < 20 ? "" : normalised.isSelected()
                ? Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * share)
                : Long.toString(n);
        Label c = new Label(text);
        c.setId("results-cell-" + t + "-" + p);
        c.setMinSize(side, side);
        c.setPrefSize(side, side);
        c.setAlignment(Pos.CENTER);
        int shade = Double.isNaN(share) ? 255 : (int) Math.round(255 - 200 * share);
        String fill = t == p ? String.format("rgb(%d,%d,%d)", shade, 255 - (255 - shade) / 3, shade)
                : String.format("rgb(255,%d,%d)", shade, shade);
        c.setStyle("-fx-background-color: " + fill + "; -fx-font-size: 10px;"
                + (share > 0.6 ? " -fx-text-fill: white;" : " -fx-text-fill: #263238;")); // its own light shades in any theme
        c.setTooltip(new Tooltip(String.format(Locale.ROOT, "%s predicted as %s: %d image%s", report.classes()
                .get(t), report.classes().get(p), n, n == 1 ? "" : "s")));
        c.setOnMouseClicked(e -> showCell(t, p));
        return c;
    }

    /** The images of one cell of the matrix (what a click on it shows). */
    public void showCell(int t, int p) {
        int[] idx = report.samples(t, p);
        cellTitle.setText(String.format(Locale.ROOT, "%s predicted as %s: %d image%s%s", report.classes().get(t),
                report.classes().get(p), idx.length, idx.length == 1 ? "" : "s",
                idx.length > CELL_IMAGES ? " (the first " + CELL_IMAGES + " shown)" : ""));
        cellImages.getChildren().clear();
        for (int i = 0; i < Math.min(CELL_IMAGES, idx.length); i++) {
            cellImages.getChildren().add(thumbnail(idx[i], 40));
        }
    }

    private ImageView thumbnail(int i, double side) {
        ImageView v = new ImageView(Thumbnails.of(test, i));
        v.setFitWidth(side);
        v.setFitHeight(side);
        v.setSmooth(false);
        return v;
    }

    private void fillPerClass() {
        perClass.getChildren().clear();
        String[] head = {"class", "images", "precision", "recall"};
        for (int i = 0; i < head.length; i++) {
            Label l = new Label(head[i]);
            l.setStyle("-fx-font-weight: bold; -fx-font-size: 11px;");
            perClass.add(l, i, 0);
        }
        for (int c = 0; c < report.classes().size(); c++) {
            perClass.add(small(report.classes().get(c)), 0, c + 1);
            perClass.add(small(Long.toString(report.support(c))), 1, c + 1);
            perClass.add(small(percent(report.precision(c))), 2, c + 1);
            perClass.add(small(percent(report.recall(c))), 3, c + 1);
        }
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-size: 11px;");
        return l;
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private void fillGallery() {
        gallery.getChildren().clear();
        List<TestReport.Miss> misses = report.misclassified(GALLERY);
        if (misses.isEmpty()) {
            gallery.getChildren().add(small("No test image was misclassified."));
        }
        for (TestReport.Miss m : misses) {
            Label caption = new Label(report.classes().get(m.label()) + "\n\u2192 " + report.classes().get(
                    m.predicted()) + String.format(Locale.ROOT, " %.0f%%", 100 * m.confidence()));
            caption.setStyle("-fx-font-size: 10px;");
            caption.setMaxWidth(90);
            VBox tile = new VBox(2, thumbnail(m.index(), 56), caption);
            tile.setAlignment(Pos.TOP_CENTER);
            gallery.getChildren().add(tile);
        }
    }

    // ---- for tests

    public TestReport report() {
        return report;
    }

    /** The text of matrix cell (t, p): a count, or a share when Normalised is on. */
    public String cellText(int t, int p) {
        return matrix.getChildren().stream().filter(n -> ("results-cell-" + t + "-" + p).equals(n.getId()))
                .map(n -> ((Label) n).getText()).findFirst().orElse(null);
    }

    public String cellTitle() {
        return cellTitle.getText();
    }

    public int cellImageCount() {
        return cellImages.getChildren().size();
    }

    public int galleryCount() {
        return (int) gallery.getChildren().stream().filter(n -> n instanceof VBox).count();
    }

    /** Rows of the per-class table: class, images, precision, recall. */
    public List<List<String>> perClassRows() {
        int rows = report == null ? 0 : report.classes().size();
        List<List<String>> out = new java.util.ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            int row = r;
            out.add(perClass.getChildren().stream().filter(n -> GridPane.getRowIndex(n) == row)
                    .sorted(java.util.Comparator.comparingInt(GridPane::getColumnIndex))
                    .map(n -> ((Label) n).getText()).toList());
        }
        return out;
    }
}
