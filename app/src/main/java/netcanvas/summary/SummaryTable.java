package netcanvas.summary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Row;
import netcanvas.graph.LayerKinds;
import netcanvas.report.Units;

/**
 * The per-layer summary: name, kind, output shape, parameters, MACs, memory and receptive field, with blocks as
 * expandable rows. Clicking a row asks for its node (the top-level node holding it) to be selected and centred.
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

    /** @param onPick receives the top-level node id of a clicked row */
    public SummaryTable(Consumer<String> onPick) {
        costColumn = column("MACs", 90, r -> Units.cost(cost, r));
        setShowRoot(false);
        setRoot(new TreeItem<>());
        getColumns().setAll(List.of(
                column("Name", 190, Row::id),
                column("Kind", 130, r -> LayerKinds.of(r.spec()).title()),
                column("Output", 110, r -> r.output() == null ? "?" : r.output().toString()),
                column("Params", 110, r -> Units.count(r.cost().params())),
                costColumn,
                column("Memory", 90, r -> Units.bytes(r.memoryBytes())),
                column("RF", 60, r -> Long.toString(r.receptiveField())),
                column("Time", 80, this::time)));
        setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getValue() != null) {
                onPick.accept(topLevel(now));
            }
        });
        setId("summary-table");
    }

    /**
     * Shows each row's share of a training step's estimated time (a block's is the sum of its layers'); the five
     * slowest layers are marked. Null clears the column (the machine is not calibrated).
     */
    public void showTimes(netcanvas.analysis.TimeEstimate estimate) {
        times = estimate;
        slowest = estimate == null ? Set.of() : Set.copyOf(estimate.slowest(netcanvas.report.EstimateReport.SLOWEST));
        refresh();
    }

    /** "12.3 ms" for a layer (with a mark when among the slowest), or a block's sum; empty without an estimate. */
    private String time(Row r) {
        if (times == null || r.output() == null) {
            return "";
        }
        double s = 0;
        for (netcanvas.analysis.LayerTime l : times.layers()) {
            if (l.id().equals(r.id()) || l.id().startsWith(r.id() + ".")) {
                s += l.seconds();
            }
        }
        String text = String.format(java.util.Locale.ROOT, "%.2f ms", s * 1e3);
        return slowest.contains(r.id()) ? "\u25cf " + text : text;
    }

    private static TreeTableColumn<Line, String> column(String title, double width, Function<Row, String> f) {
        TreeTableColumn<Line, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> {
            Line line = cell.getValue().getValue();
            return line == null ? new ReadOnlyStringWrapper("")
                    : Bindings.createStringBinding(() -> f.apply(line.row.get()), line.row);
        });
        c.setSortable(false);
        return c;
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
            return;
        }
        remember(root);
        TreeItem<Line> next = new TreeItem<>();
        for (Row r : a.rows()) {
            next.getChildren().add(item(r));
        }
        setRoot(next);
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

    /** Selects the row of this top-level node without asking for the canvas to move. */
    /** Counts arithmetic in this convention (View › Cost Convention): the column is named after it. */
    public void setCost(netcanvas.report.CostConvention c) {
        cost = c;
        costColumn.setText(c.column());
        refresh();
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
