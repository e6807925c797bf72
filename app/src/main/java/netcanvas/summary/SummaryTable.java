package netcanvas.summary;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.util.Duration;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Row;
import netcanvas.graph.LayerKinds;
import netcanvas.report.Units;
import netcanvas.tables.ColumnFit;

/**
 * The per-layer summary: name, kind, output shape, parameters, MACs, memory and receptive field, with blocks as
 * expandable rows. Clicking a row asks for its node (the top-level node holding it) to be selected and centred.
 * Every column is as wide as its widest text (of every row, collapsed blocks' included) and never narrower, so no
 * figure is ever cut to "117.6..."; a table wider than its place scrolls sideways. Each heading's tooltip gives the
 * column's full name and unit.
 */
public final class SummaryTable extends TreeTableView<SummaryTable.Line> {

    /**
     * One table line. Its row is a property the cells bind to, so an edit that keeps the rows only changes the
     * affected cells' text instead of making the table rebuild its cells.
     */
    public static final class Line {
        private final ObjectProperty<Row> row;

        Line(Row r) {
            row = new SimpleObjectProperty<>(r);
        }

        public Row row() {
            return row.get();
        }
    }

    private final Set<String> expanded = new HashSet<>();
    private netcanvas.report.CostConvention cost = netcanvas.report.CostConvention.MACS;
    /** The arithmetic column, named after the cost convention. */
    private final TreeTableColumn<Line, String> costColumn;
    /** The training-step time estimate, or null before the machine is calibrated. */
    private netcanvas.analysis.TimeEstimate times;
    private Set<String> slowest = Set.of();
    /** The text each column shows for a row (what {@link #fitColumns()} measures). */
    private final Map<TreeTableColumn<Line, ?>, Function<Row, String>> texts = new HashMap<>();
    /** The headings' tooltips, by column (installed on the header nodes once the skin has made them). */
    private final Map<TreeTableColumn<Line, ?>, Tooltip> tips = new HashMap<>();
    private boolean tipsInstalled;

    /** @param onPick receives the top-level node id of a clicked row */
    public SummaryTable(Consumer<String> onPick) {
        costColumn = column("MACs", Align.NUMBER, r -> Units.cost(cost, r));
        setShowRoot(false);
        setRoot(new TreeItem<>());
        getColumns().setAll(List.of(
                column("Name", Align.TEXT, Row::id),
                column("Kind", Align.TEXT, r -> LayerKinds.of(r.spec()).title()),
                column("Output", Align.TEXT, r -> r.output() == null ? "?" : r.output().toString()),
                column("Params", Align.NUMBER, r -> Units.count(r.cost().params())),
                costColumn,
                column("Memory", Align.NUMBER, r -> Units.bytes(r.memoryBytes())),
                column("RF", Align.NUMBER, r -> Long.toString(r.receptiveField())),
                column("Time", Align.NUMBER, this::time)));
        explain();
        // Columns keep their content's width; what does not fit scrolls sideways instead of being squeezed.
        setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getValue() != null) {
                onPick.accept(topLevel(now));
            }
        });
        setId("summary-table");
    }

    /** Text columns read from the left, figures line up on their last digit. */
    private enum Align {
        TEXT, NUMBER
    }

    /** Each heading's tooltip: the column's full name and its unit. */
    private void explain() {
        List<TreeTableColumn<Line, ?>> c = getColumns();
        tip(c.get(0), "Name: the layer's id (a block's layers are named inside it: layer1.0.conv1)");
        tip(c.get(1), "Kind: the layer or block kind");
        tip(c.get(2), "Output: the output shape of one image, channels x height x width (features for a flat "
                + "output)");
        tip(c.get(3), "Params: trainable parameters (weights and biases), a count");
        tip(c.get(5), "Memory: activation memory of the output for one image, in bytes (4 bytes an element; "
                + "kB = 1,000 bytes)");
        tip(c.get(6), "RF: receptive field of the output, in input pixels (one side of a square)");
        tip(c.get(7), "Time: estimated share of one training step, in milliseconds (a block: the sum of its "
                + "layers); \u25cf marks the " + netcanvas.report.EstimateReport.SLOWEST + " slowest layers");
        tipCost();
    }

    private void tipCost() {
        tip(costColumn, cost.column() + ": " + cost.description() + ", a count for one image (View \u203a Cost "
                + "Convention)");
    }

    private void tip(TreeTableColumn<Line, ?> column, String text) {
        tips.computeIfAbsent(column, c -> {
            Tooltip t = new Tooltip();
            t.setShowDelay(Duration.millis(300));
            t.setWrapText(true);
            t.setMaxWidth(420);
            return t;
        }).setText(text);
    }

    /** Installs the headings' tooltips once the skin has made the header nodes. */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (!tipsInstalled) {
            int found = 0;
            for (Node n : lookupAll(".column-header")) {
                if (n instanceof TableColumnHeader h && tips.containsKey(h.getTableColumn())) {
                    Tooltip.install(h, tips.get(h.getTableColumn()));
                    found++;
                }
            }
            tipsInstalled = found == tips.size();
        }
    }

    /** The tooltip text of this column's heading. */
    public String tooltipOf(TreeTableColumn<Line, ?> column) {
        return tips.get(column).getText();
    }

    /**
     * Shows each row's share of a training step's estimated time (a block's is the sum of its layers'); the five
     * slowest layers are marked. Null clears the column (the machine is not calibrated).
     */
    public void showTimes(netcanvas.analysis.TimeEstimate estimate) {
        times = estimate;
        slowest = estimate == null ? Set.of() : Set.copyOf(estimate.slowest(netcanvas.report.EstimateReport.SLOWEST));
        refresh();
        fitColumns();
    }

    /** "12.3 ms" for a layer (with a mark when among the slowest), or a block's sum; empty without an estimate. */
    private String time(Row r) {
        if (times == null || r.output() == null) {
            return "";
        }
        double s = 0;
        String inside = r.id() + ".";
        for (netcanvas.analysis.LayerTime l : times.layers()) {
            if (l.id().equals(r.id()) || l.id().startsWith(inside)) {
                s += l.seconds();
            }
        }
        String text = String.format(java.util.Locale.ROOT, "%.2f ms", s * 1e3);
        return slowest.contains(r.id()) ? "\u25cf " + text : text;
    }

    private TreeTableColumn<Line, String> column(String title, Align align, Function<Row, String> f) {
        TreeTableColumn<Line, String> c = new TreeTableColumn<>(title);
        c.setCellValueFactory(cell -> {
            Line line = cell.getValue().getValue();
            return line == null ? new ReadOnlyStringWrapper("")
                    : Bindings.createStringBinding(() -> f.apply(line.row.get()), line.row);
        });
        c.setSortable(false);
        if (align == Align.NUMBER) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        texts.put(c, f);
        return c;
    }

    /**
     * The Name column's extra room: the expand arrow, and for each level below the top an indent of one em (the
     * theme's -fx-indent), with a pixel to spare.
     */
    private static final double ARROW = 22;

    /**
     * Makes every column as wide as its widest text and its heading, over all rows (collapsed blocks' too, so that
     * expanding one never cuts a figure), and no narrower: a table wider than its place scrolls sideways.
     */
    private void fitColumns() {
        List<Row> rows = new java.util.ArrayList<>();
        List<Integer> depths = new java.util.ArrayList<>();
        for (TreeItem<Line> t : getRoot().getChildren()) {
            collect(t.getValue().row(), 0, rows, depths);
        }
        javafx.scene.text.Font cells = ColumnFit.fontOf(this, ".tree-table-cell");
        javafx.scene.text.Font headers = ColumnFit.fontOf(this, ".column-header .label");
        for (TreeTableColumn<Line, ?> c : getColumns()) {
            Function<Row, String> text = texts.get(c);
            boolean tree = c == getColumns().get(0); // the expand arrows and indents are drawn in its cells
            List<ColumnFit.Cell> texts = new java.util.ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                texts.add(new ColumnFit.Cell(text.apply(rows.get(i)), tree ? depths.get(i) : 0));
            }
            double width = ColumnFit.width(c.getText(), texts, headers, cells,
                    tree ? new ColumnFit.Indent(ARROW, cells.getSize() + 1) : ColumnFit.Indent.NONE);
            c.setMinWidth(width);
            c.setPrefWidth(width);
        }
    }

    private static void collect(Row r, int depth, List<Row> rows, List<Integer> depths) {
        rows.add(r);
        depths.add(depth);
        for (Row c : r.children()) {
            collect(c, depth + 1, rows, depths);
        }
    }

    private static String topLevel(TreeItem<Line> item) {
        while (item.getParent() != null && item.getParent().getValue() != null) {
            item = item.getParent();
        }
        return item.getValue().row().id();
    }

    /** Refills from the analysis, keeping expanded blocks expanded. */
    public void show(Analysis a) {
        TreeItem<Line> root = getRoot();
        if (sameShape(root.getChildren(), a.rows())) {
            // A parameter edit keeps the rows: update values in place, so the table keeps its cells and scroll.
            refill(root.getChildren(), a.rows());
            fitColumns();
            return;
        }
        remember(root);
        TreeItem<Line> next = new TreeItem<>();
        for (Row r : a.rows()) {
            next.getChildren().add(item(r));
        }
        setRoot(next);
        fitColumns();
    }

    private static boolean sameShape(List<TreeItem<Line>> items, List<Row> rows) {
        if (items.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            Row old = items.get(i).getValue() == null ? null : items.get(i).getValue().row();
            if (old == null || !old.id().equals(rows.get(i).id())
                    || !sameShape(items.get(i).getChildren(), rows.get(i).children())) {
                return false;
            }
        }
        return true;
    }

    private static void refill(List<TreeItem<Line>> items, List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Line line = items.get(i).getValue();
            if (!rows.get(i).equals(line.row())) {
                line.row.set(rows.get(i));
            }
            refill(items.get(i).getChildren(), rows.get(i).children());
        }
    }

    private void remember(TreeItem<Line> item) {
        for (TreeItem<Line> c : item.getChildren()) {
            if (c.getValue() != null && c.getValue().row().composite()) {
                if (c.isExpanded()) {
                    expanded.add(c.getValue().row().id());
                } else {
                    expanded.remove(c.getValue().row().id());
                }
                remember(c);
            }
        }
    }

    private TreeItem<Line> item(Row r) {
        TreeItem<Line> t = new TreeItem<>(new Line(r));
        for (Row c : r.children()) {
            t.getChildren().add(item(c));
        }
        t.setExpanded(expanded.contains(r.id()));
        return t;
    }

    /** Counts arithmetic in this convention (View › Cost Convention): the column is named after it. */
    public void setCost(netcanvas.report.CostConvention c) {
        cost = c;
        costColumn.setText(c.column());
        tipCost();
        refresh();
        fitColumns();
    }

    public TreeItem<Line> itemOf(String id) {
        for (TreeItem<Line> t : getRoot().getChildren()) {
            if (t.getValue().row().id().equals(id)) {
                return t;
            }
        }
        return null;
    }
}
