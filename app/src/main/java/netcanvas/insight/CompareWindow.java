package netcanvas.insight;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.effect.DropShadow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import javafx.stage.Window;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Row;
import netcanvas.canvas.BlockLayout;
import netcanvas.canvas.CanvasView;
import netcanvas.compare.CompareRow;
import netcanvas.compare.Comparison;
import netcanvas.compare.Status;
import netcanvas.graph.Shape;
import netcanvas.report.CostConvention;
import netcanvas.report.Units;
import netcanvas.tables.ColumnFit;

/**
 * View › Compare With: the engine's {@link Comparison} of the open design (A) with another network (B). Above, its
 * aligned rows with both sides' output shape, parameters, arithmetic (under the window's cost convention) and
 * activation memory and their differences, added rows green, removed red, changed amber, and the totals with their
 * differences and ratios; below, the two graphs side by side, their differing nodes lit in the same colours, panning
 * and zooming together.
 */
public final class CompareWindow {
    /** Row and node colours by status; SAME has none. */
    static final Map<Status, String> COLOURS = new EnumMap<>(Map.of(Status.ADDED, "-nc-added",
            Status.REMOVED, "-nc-removed", Status.CHANGED, "-nc-changed")); // the theme's (netcanvas.theme)
    private static final Map<Status, String> GLOWS = new EnumMap<>(Map.of(Status.ADDED, "#2e7d32",
            Status.REMOVED, "#c62828", Status.CHANGED, "#ef6c00"));

    private final Stage stage = new Stage();
    private final Comparison comparison;
    private final CostConvention cost;
    private final TableView<CompareRow> table = new TableView<>();
    /** Each column's text for a row, which {@link #fitColumns()} measures. */
    private final Map<TableColumn<CompareRow, String>, Function<CompareRow, String>> texts = new LinkedHashMap<>();
    private final CheckBox differencesOnly = new CheckBox("Differences only");
    private final CanvasView left = new CanvasView();
    private final CanvasView right = new CanvasView();
    private final GridPane totals = new GridPane();
    /** The blocks opened in the graphs, outermost first; empty for the networks themselves. */
    private final List<String> path = new ArrayList<>();
    private final Label level = new Label();

    /**
     * @param nameA what A is called in the window (the open design)
     * @param nameB what B is called (a preset, a file, the last saved version)
     */
    public CompareWindow(Window owner, Comparison comparison, String nameA, String nameB, CostConvention cost) {
        this.comparison = comparison;
        this.cost = cost;
        stage.initOwner(owner);
        stage.setTitle("Compare " + nameA + " with " + nameB + " \u2014 NetCanvas");
        Label heading = new Label("A: " + nameA + "    B: " + nameB + "    (" + counts() + ")");
        heading.setId("compare-heading");
        heading.setStyle("-fx-font-weight: bold;");
        Label legend = new Label("= same   ~ changed   + added in B   - removed from A;  arithmetic: "
                + CostSetting.describe(cost));
        legend.setId("compare-convention");
        differencesOnly.setId("compare-differences-only");
        differencesOnly.selectedProperty().addListener((o, a, b) -> fill());
        HBox top = new HBox(16, heading, differencesOnly);
        table.setId("compare-table");
        table.getColumns().setAll(columns());
        fitColumns();
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareRow r, boolean empty) {
                super.updateItem(r, empty);
                String c = empty || r == null ? null : COLOURS.get(r.status());
                // the row's own background, which a selected row's selection bar still replaces
                setStyle(c == null ? "" : "-fx-control-inner-background: " + c + "; "
                        + "-fx-control-inner-background-alt: " + c + ";");
            }
        });
        fill();
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> reveal(now));
        totals.setId("compare-totals");
        totals.setHgap(18);
        totals.setVgap(2);
        fillTotals();
        VBox upper = new VBox(4, top, legend, table, totals);
        VBox.setVgrow(table, Priority.ALWAYS);
        upper.setPadding(new Insets(6));
        left.setId("compare-graph-a");
        right.setId("compare-graph-b");
        left.enableBrowsing();
        right.enableBrowsing();
        left.setOnOpenBlock(this::openBlock);
        right.setOnOpenBlock(this::openBlock);
        right.moveWith(left);
        javafx.scene.control.Button out = new javafx.scene.control.Button("Out of Block");
        out.setId("compare-out");
        out.setOnAction(e -> up());
        level.setId("compare-level");
        HBox graphBar = new HBox(10, out, level);
        graphBar.setPadding(new Insets(2, 6, 2, 6));
        SplitPane graphs = new SplitPane(titled("A: " + nameA, left), titled("B: " + nameB, right));
        VBox lower = new VBox(graphBar, graphs);
        VBox.setVgrow(graphs, Priority.ALWAYS);
        drawGraphs();
        SplitPane all = new SplitPane(upper, lower);
        all.setOrientation(Orientation.VERTICAL);
        // the graphs get the larger half: at 1280x720 the table still shows several rows and scrolls
        all.setDividerPositions(0.45);
        // 1300x860, or less on a smaller screen
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(new BorderPane(all), Math.min(1300, screen.getWidth() * 0.95),
                Math.min(860, screen.getHeight() * 0.92)));
        CloseKeys.install(stage);
    }

    private static VBox titled(String title, CanvasView canvas) {
        Label l = new Label(title);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 2 6 2 6;");
        VBox box = new VBox(l, canvas);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        return box;
    }

    public void show() {
        stage.show();
        fitColumns(); // again with the fonts the table's CSS gave its cells
        // the graphs are laid out for their views, whose sizes are known once the window is shown
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        drawGraphs();
        fit();
        relayout.setOnFinished(e -> {
            if (left.fitted()) { // the user has not panned or zoomed: lay out for the new size and fit again
                drawGraphs();
                fit();
            }
        });
        left.widthProperty().addListener(o -> relayout.playFromStart());
        left.heightProperty().addListener(o -> relayout.playFromStart());
    }

    /** A resized window lays the graphs out again for their new shape once the resizing pauses. */
    private final javafx.animation.PauseTransition relayout =
            new javafx.animation.PauseTransition(javafx.util.Duration.millis(250));

    private String counts() {
        return comparison.layers(Status.CHANGED).size() + " layers changed, " + comparison.layers(Status.ADDED).size()
                + " added, " + comparison.layers(Status.REMOVED).size() + " removed";
    }

    private List<TableColumn<CompareRow, String>> columns() {
        String c = cost.column();
        return List.of(
                column("", 28, r -> r.status().mark()),
                column("Layer", 210, r -> "  ".repeat(r.depth()) + r.label()),
                column("Kind", 230, CompareRow::layer),
                column("Output A", 95, r -> shape(r.outputA())),
                column("Output B", 95, r -> shape(r.outputB())),
                column("Params A", 100, r -> count(r.a(), r.paramsA())),
                column("Params B", 100, r -> count(r.b(), r.paramsB())),
                column("\u0394 Params", 90, r -> delta(r.paramsA(), r.paramsB())),
                column(c + " A", 115, r -> count(r.a(), costOf(r.a()))),
                column(c + " B", 115, r -> count(r.b(), costOf(r.b()))),
                column("\u0394 " + c, 110, r -> delta(costOf(r.a()), costOf(r.b()))),
                column("Memory A", 85, r -> r.a() == null ? "" : Units.bytes(r.memoryA())),
                column("Memory B", 85, r -> r.b() == null ? "" : Units.bytes(r.memoryB())),
                column("\u0394 Memory", 85, r -> r.memoryA() == r.memoryB() ? "" : (r.memoryB() >= r.memoryA()
                        ? "+" : "-") + Units.bytes(Math.abs(r.memoryB() - r.memoryA()))));
    }

    private TableColumn<CompareRow, String> column(String title, double width, Function<CompareRow, String> f) {
        TableColumn<CompareRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        texts.put(c, f);
        return c;
    }

    /**
     * Makes every column as wide as its heading and its widest text over all rows (the hidden same ones too, so
     * "Differences only" never narrows a column), and no narrower: the table scrolls sideways instead of cutting a
     * layer's path, which read "denseblock1.denselayer1.n..." in a 1280 px window.
     */
    private void fitColumns() {
        Font cells = ColumnFit.fontOf(table, ".table-cell");
        Font headers = ColumnFit.fontOf(table, ".column-header .label");
        for (Map.Entry<TableColumn<CompareRow, String>, Function<CompareRow, String>> e : texts.entrySet()) {
            List<ColumnFit.Cell> column = comparison.rows().stream()
                    .map(r -> new ColumnFit.Cell(e.getValue().apply(r), 0)).toList();
            double width = ColumnFit.width(e.getKey().getText(), column, headers, cells, ColumnFit.Indent.NONE);
            e.getKey().setMinWidth(width);
            e.getKey().setPrefWidth(width);
        }
    }

    private long costOf(Row r) {
        return r == null ? 0 : cost.of(r);
    }

    private static String shape(Shape s) {
        return s == null ? "" : s.toString();
    }

    private static String count(Row side, long n) {
        return side == null ? "" : Units.count(n);
    }

    private static String delta(long a, long b) {
        return a == b ? "" : (b > a ? "+" : "") + Units.count(b - a);
    }

    private void fill() {
        List<CompareRow> rows = new ArrayList<>();
        for (CompareRow r : comparison.rows()) {
            if (!differencesOnly.isSelected() || r.status() != Status.SAME) {
                rows.add(r);
            }
        }
        table.getItems().setAll(rows);
    }

    private void fillTotals() {
        String[] head = {"Totals", "A", "B", "B - A", "B / A"};
        for (int i = 0; i < head.length; i++) {
            Label l = new Label(head[i]);
            l.setStyle("-fx-font-weight: bold;");
            totals.add(l, i, 0);
        }
        Analysis a = comparison.a();
        Analysis b = comparison.b();
        total(1, "Params", a.totals().trainableParams(), b.totals().trainableParams(), false);
        total(2, cost.column(), cost.total(a), cost.total(b), false);
        total(3, "Activation memory", a.totals().activationBytes(), b.totals().activationBytes(), true);
    }

    private void total(int row, String name, long a, long b, boolean bytes) {
        double ratio = Comparison.ratio(a, b);
        String[] cells = {name, bytes ? Units.bytes(a) : Units.count(a), bytes ? Units.bytes(b) : Units.count(b),
            (b >= a ? "+" : "-") + (bytes ? Units.bytes(Math.abs(b - a)) : Units.count(Math.abs(b - a))),
            Double.isNaN(ratio) ? "-" : String.format(java.util.Locale.ROOT, "%.3fx", ratio)};
        for (int i = 0; i < cells.length; i++) {
            Label l = new Label(cells[i]);
            l.setId("compare-total-" + row + "-" + i);
            totals.add(l, i, row);
        }
    }

    /**
     * Centres the graphs on a picked row's node of the network, when the graphs show the networks: A's node, or B's
     * for an added one (the views move together, so both follow).
     */
    private void reveal(CompareRow r) {
        if (r == null || !path.isEmpty()) {
            return;
        }
        String id = r.either().id();
        String top = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
        if (r.a() != null && left.viewOf(top) != null) {
            left.centerOn(top);
        } else if (right.viewOf(top) != null) {
            right.centerOn(top);
        }
    }

    /** Both graphs show the inside of this block (double-click on either), where each side has it. */
    public void openBlock(String id) {
        if (composite(comparison.a(), id) || composite(comparison.b(), id)) {
            path.add(id);
            drawGraphs();
            fit();
        }
    }

    /** Back out one level (the Out of Block button). */
    public void up() {
        if (!path.isEmpty()) {
            path.remove(path.size() - 1);
            drawGraphs();
            fit();
        }
    }

    /**
     * The zoom below which the networks' boxes are not fitted whole: their titles and figures read at it; a network
     * larger than the view shows its start (input at the top left) and the two graphs scroll together.
     */
    static final double READABLE = 0.5;

    /**
     * Fits the graphs to their views (they pan and zoom together) by the side that needs the smaller zoom, so each
     * shows whole where they can (a block only one side has too): the networks down to {@link #READABLE}, a block's
     * inside down to the zoom where box texts show, as the main window fits them.
     */
    private void fit() {
        CanvasView tighter = fittedZoom(left) <= fittedZoom(right) ? left : right;
        tighter.fit(path.isEmpty() ? READABLE : CanvasView.DETAIL_ZOOM);
    }

    private static double fittedZoom(CanvasView graph) {
        if (graph.views().isEmpty()) {
            return Double.MAX_VALUE; // nothing to fit: the other side decides
        }
        List<double[]> corners = graph.views().values().stream().map(v -> new double[] {v.x(), v.y()}).toList();
        return CanvasView.fittedZoom(corners, graph.getWidth(), graph.getHeight());
    }

    private static boolean composite(Analysis a, String id) {
        return a.row(id) != null && a.row(id).composite();
    }

    private void drawGraphs() {
        if (path.isEmpty()) {
            // each laid out for its own view, wrapped to its shape where the design's own layout reads too small
            left.show(BlockLayout.network(comparison.a(), left.getWidth(), left.getHeight()));
            right.show(BlockLayout.network(comparison.b(), right.getWidth(), right.getHeight()));
            level.setText("The networks (double-click a block to compare its insides)");
        } else {
            String id = path.get(path.size() - 1);
            // laid out as the main window lays out a block, for the size of these views (both are as large)
            left.show(BlockLayout.inside(comparison.a(), id, left.getWidth(), left.getHeight()));
            right.show(BlockLayout.inside(comparison.b(), id, left.getWidth(), left.getHeight()));
            level.setText("Inside " + String.join(" › ", path));
        }
        light();
    }

    /** Lights the differing nodes of each graph: on A what was removed or changed, on B what was added or changed. */
    private void light() {
        left.views().values().forEach(v -> v.setEffect(null));
        right.views().values().forEach(v -> v.setEffect(null));
        for (CompareRow r : comparison.rows()) {
            if (r.status() == Status.SAME) {
                continue;
            }
            Color glow = Color.web(GLOWS.get(r.status()));
            if (r.a() != null && left.viewOf(r.a().id()) != null) {
                left.viewOf(r.a().id()).setEffect(new DropShadow(22, glow));
            }
            if (r.b() != null && right.viewOf(r.b().id()) != null) {
                right.viewOf(r.b().id()).setEffect(new DropShadow(22, glow));
            }
        }
    }

    public Stage stage() {
        return stage;
    }

    public TableView<CompareRow> table() {
        return table;
    }

    public Comparison comparison() {
        return comparison;
    }

    public CanvasView graphA() {
        return left;
    }

    public CanvasView graphB() {
        return right;
    }

    public GridPane totals() {
        return totals;
    }
}
