package netcanvas.summary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Row;
import netcanvas.graph.LayerKinds;

/**
 * The per-layer summary: name, kind, output shape, parameters, MACs, memory and receptive field, with blocks as
 * expandable rows. Clicking a row asks for its node (the top-level node holding it) to be selected and centred.
 */
public final class SummaryTable extends TreeTableView<Row> {
    private final Set<String> expanded = new HashSet<>();

    /** @param onPick receives the top-level node id of a clicked row */
    public SummaryTable(Consumer<String> onPick) {
        setShowRoot(false);
        setRoot(new TreeItem<>());
        getColumns().setAll(List.of(
                column("Name", 190, Row::id),
                column("Kind", 130, r -> LayerKinds.of(r.spec()).title()),
                column("Output", 110, r -> r.output() == null ? "?" : r.output().toString()),
                column("Params", 110, r -> Formats.count(r.cost().params())),
                column("MACs", 90, r -> Formats.si(r.cost().macs())),
                column("Memory", 90, r -> Formats.bytes(r.memoryBytes())),
                column("RF", 60, r -> Long.toString(r.receptiveField()))));
        setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getValue() != null) {
                onPick.accept(topLevel(now));
            }
        });
        setId("summary-table");
    }

    private static TreeTableColumn<Row, String> column(String title, double width, Function<Row, String> f) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                cell.getValue().getValue() == null ? "" : f.apply(cell.getValue().getValue())));
        c.setSortable(false);
        return c;
    }

    private static String topLevel(TreeItem<Row> item) {
        while (item.getParent() != null && item.getParent().getValue() != null) {
            item = item.getParent();
        }
        return item.getValue().id();
    }

    /** Refills from the analysis, keeping expanded blocks expanded. */
    public void show(Analysis a) {
        TreeItem<Row> root = getRoot();
        if (sameShape(root.getChildren(), a.rows())) {
            // A parameter edit keeps the rows: update values in place, so the table keeps its cells and scroll.
            refill(root.getChildren(), a.rows());
            return;
        }
        remember(root);
        TreeItem<Row> next = new TreeItem<>();
        for (Row r : a.rows()) {
            next.getChildren().add(item(r));
        }
        setRoot(next);
    }

    private static boolean sameShape(List<TreeItem<Row>> items, List<Row> rows) {
        if (items.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            Row old = items.get(i).getValue();
            if (old == null || !old.id().equals(rows.get(i).id())
                    || !sameShape(items.get(i).getChildren(), rows.get(i).children())) {
                return false;
            }
        }
        return true;
    }

    private static void refill(List<TreeItem<Row>> items, List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).equals(items.get(i).getValue())) {
                items.get(i).setValue(rows.get(i));
            }
            refill(items.get(i).getChildren(), rows.get(i).children());
        }
    }

    private void remember(TreeItem<Row> item) {
        for (TreeItem<Row> c : item.getChildren()) {
            if (c.getValue() != null && c.getValue().composite()) {
                if (c.isExpanded()) {
                    expanded.add(c.getValue().id());
                } else {
                    expanded.remove(c.getValue().id());
                }
                remember(c);
            }
        }
    }

    private TreeItem<Row> item(Row r) {
        TreeItem<Row> t = new TreeItem<>(r);
        for (Row c : r.children()) {
            t.getChildren().add(item(c));
        }
        t.setExpanded(expanded.contains(r.id()));
        return t;
    }

    /** Selects the row of this top-level node without asking for the canvas to move. */
    public TreeItem<Row> itemOf(String id) {
        for (TreeItem<Row> t : getRoot().getChildren()) {
            if (t.getValue().id().equals(id)) {
                return t;
            }
        }
        return null;
    }
}
