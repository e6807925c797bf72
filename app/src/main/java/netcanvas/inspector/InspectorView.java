package netcanvas.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.Row;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.Node;
import netcanvas.report.Units;
import org.controlsfx.control.PropertySheet;

/**
 * Edits the selected node's parameters in a ControlsFX property sheet built from the kind's declared parameters,
 * and shows what the analysis says about the node. Confirmed edits become commands through {@code onChange}.
 */
public final class InspectorView extends VBox {
    private final Label heading = new Label("Nothing selected");
    private final javafx.scene.control.TextField idField = new javafx.scene.control.TextField();
    private final PropertySheet sheet = new PropertySheet();
    private final Label problem = new Label();
    private final Label facts = new Label();
    private final BiConsumer<String, LayerSpec> onChange;
    private Node shown;
    private netcanvas.report.CostConvention cost = netcanvas.report.CostConvention.MACS;

    private final java.util.function.BiFunction<String, String, java.util.Optional<String>> onRename;

    /**
     * @param onChange receives (node id, new spec) for each confirmed valid edit
     * @param onRename renames (old id, new id), returning why not when refused
     */
    public InspectorView(BiConsumer<String, LayerSpec> onChange,
            java.util.function.BiFunction<String, String, java.util.Optional<String>> onRename) {
        super(6);
        this.onChange = onChange;
        this.onRename = onRename;
        idField.setId("inspector-id");
        idField.setPromptText("node id");
        idField.setOnAction(e -> rename());
        idField.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                rename();
            }
        });
        idField.setVisible(false);
        heading.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        heading.setId("inspector-heading");
        problem.setId("inspector-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #c62828;");
        facts.setId("inspector-facts");
        facts.setWrapText(true);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        // The node's own parameters first, then those of a nested block.
        sheet.setCategoryComparator((a, b) -> a.equals(b) ? 0 : a.equals("Parameters") ? -1
                : b.equals("Parameters") ? 1 : a.compareTo(b));
        VBox.setVgrow(sheet, Priority.ALWAYS);
        getChildren().addAll(heading, idField, sheet, problem, facts);
        setPrefWidth(280);
        setMinWidth(200);
        setStyle("-fx-padding: 6;");
    }

    /** Shows this node (or nothing for null); rebuilds the sheet only when the node's parameters changed. */
    public void show(Node node, Analysis analysis) {
        if (node == null) {
            shown = null;
            idField.setVisible(false);
            heading.setText("Nothing selected");
            sheet.getItems().clear();
            problem.setText("");
            facts.setText("Select one node to edit its parameters.");
            return;
        }
        if (shown == null || !shown.id().equals(node.id()) || !shown.spec().equals(node.spec())) {
            shown = node;
            heading.setText(LayerKinds.of(node.spec()).title());
            idField.setText(node.id());
            idField.setStyle("");
            idField.setVisible(true);
            List<PropertySheet.Item> items = new ArrayList<>();
            for (ParamPath p : ParamPath.of(node.spec())) {
                items.add(new ParamItem(p, node.spec()));
            }
            sheet.setPropertyEditorFactory(item -> new ParamEditor(((ParamItem) item).param(), node.spec(),
                    spec -> onChange.accept(node.id(), spec), problem::setText));
            sheet.getItems().setAll(FXCollections.observableArrayList(items));
            problem.setText("");
        }
        facts.setText(facts(node.id(), analysis, cost));
    }

    private void rename() {
        if (shown == null || idField.getText().equals(shown.id())) {
            return;
        }
        var refusal = onRename.apply(shown.id(), idField.getText().trim());
        if (refusal.isPresent()) {
            idField.setStyle("-fx-border-color: #e53935; -fx-background-color: #ffebee;");
            problem.setText("Id: " + refusal.get());
        } else {
            idField.setStyle("");
            problem.setText("");
        }
    }

    private static String facts(String id, Analysis a, netcanvas.report.CostConvention cost) {
        Row r = a.row(id);
        StringBuilder s = new StringBuilder();
        if (r != null) {
            s.append("Output: ").append(r.output() == null ? "unknown" : r.output()).append('\n')
                    .append("Params: ").append(Units.count(r.cost().params())).append('\n')
                    .append(cost.column()).append(": ").append(Units.cost(cost, r)).append('\n')
                    .append("Memory: ").append(Units.bytes(r.memoryBytes())).append('\n')
                    .append("Receptive field: ").append(r.receptiveField());
        }
        for (Diagnostic d : a.diagnosticsFor(id)) {
            s.append("\n\u26a0 ").append(d.severity().label()).append(": ").append(d.message());
        }
        return s.toString();
    }

    /** Counts arithmetic in this convention (View › Cost Convention), naming it. */
    public void setCost(netcanvas.report.CostConvention c) {
        cost = c;
    }

    /** Adds a section below the facts (the explanation of the figures). */
    public void addSection(javafx.scene.Node section) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(section);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(260);
        scroll.setStyle("-fx-background-color: transparent;");
        getChildren().add(scroll);
    }

    public PropertySheet sheet() {
        return sheet;
    }
}
