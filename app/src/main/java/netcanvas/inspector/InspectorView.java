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
    /** The other selected nodes of the shown node's kind, edited with it (empty for a single selection). */
    private List<Node> alsoShown = List.of();
    private java.util.function.Consumer<java.util.Map<String, LayerSpec>> onChangeMany = m -> { };
    /** The field to focus after the next rebuild (Tab's destination), or null for the one focused now. */
    private String pendingFocus;

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
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::tabToNextField);
        heading.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        heading.setId("inspector-heading");
        problem.setId("inspector-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: -nc-error-text;");
        facts.setId("inspector-facts");
        facts.setWrapText(true);
        // in a short window the parameter sheet (which scrolls) gives way, not these lines ("a value entered is s...")
        facts.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        getStyleClass().add("inspector");
    }

    /**
     * Edits these nodes of one kind together: the sheet shows the first one's values, and a parameter typed in is
     * set on every one of them, as one change (each keeps its other parameters).
     */
    public void showMany(List<Node> nodes, Analysis analysis) {
        if (nodes.size() < 2) {
            show(nodes.isEmpty() ? null : nodes.get(0), analysis);
            return;
        }
        Node first = nodes.get(0);
        List<Node> others = nodes.subList(1, nodes.size());
        if (shown == null || !alsoShown.equals(others) || !shown.equals(first)) {
            alsoShown = List.copyOf(others);
            shown = first;
            idField.setVisible(false);
            heading.setText(nodes.size() + " \u00d7 " + LayerKinds.of(first.spec()).title());
            rebuild(first, p -> spec -> {
                String text = p.text(spec);
                java.util.Map<String, LayerSpec> all = new java.util.LinkedHashMap<>();
                for (Node n : nodes) {
                    try {
                        all.put(n.id(), n == first ? spec : p.with(n.spec(), text));
                    } catch (IllegalArgumentException e) {
                        problem.setText(n.id() + ": " + p.info().meta().label() + ": " + e.getMessage()
                                + " (nothing changed)");
                        return;
                    }
                }
                onChangeMany.accept(all);
            });
        }
        facts.setText("Editing " + nodes.size() + " layers: a value entered is set on all of them ("
                + String.join(", ", nodes.stream().map(Node::id).toList()) + ").");
    }

    /** Receives the new specs of several nodes edited together (see {@link #showMany}). */
    public void setOnChangeMany(java.util.function.Consumer<java.util.Map<String, LayerSpec>> handler) {
        onChangeMany = handler;
    }

    /**
     * Fills the sheet with this node's parameters; keeps the keyboard focus on the field that had it (an edit
     * committed by Tab or Enter rebuilds the sheet, and the focus must not fall to the canvas behind it).
     */
    private void rebuild(Node node, java.util.function.Function<ParamPath, java.util.function.Consumer<LayerSpec>>
            commit) {
        String focused = pendingFocus != null ? pendingFocus : getScene() != null
                && getScene().getFocusOwner() != null && isAncestorOf(getScene().getFocusOwner())
                ? getScene().getFocusOwner().getId() : null;
        pendingFocus = null;
        List<PropertySheet.Item> items = new ArrayList<>();
        for (ParamPath p : ParamPath.of(node.spec())) {
            items.add(new ParamItem(p, node.spec()));
        }
        sheet.setPropertyEditorFactory(item -> {
            ParamPath p = ((ParamItem) item).param();
            return new ParamEditor(p, node.spec(), commit.apply(p), problem::setText);
        });
        sheet.getItems().setAll(FXCollections.observableArrayList(items));
        openEverySection();
        problem.setText("");
        if (focused != null && focused.startsWith("param-")) {
            focusField(focused);
        }
    }

    /**
     * Shows the sheet's sections (the node's parameters, then a nested block's) open one above the other. ControlsFX
     * puts them in an accordion, where only one stands open: a stage's repeat and its block's parameters were never
     * in view together, and Tab from Repeat moved the focus into the closed section. The sections move to a column
     * of their own each time the sheet is filled (the sheet builds a new accordion then); each can still be closed.
     */
    private void openEverySection() {
        sheet.applyCss();
        sheet.layout();
        if (sheet.lookup(".accordion") instanceof javafx.scene.control.Accordion accordion
                && accordion.getParent() != null) {
            javafx.scene.Node holder = accordion;
            while (holder != null && !(holder instanceof javafx.scene.control.ScrollPane)) {
                holder = holder.getParent();
            }
            if (holder instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() == accordion) {
                List<javafx.scene.control.TitledPane> panes = List.copyOf(accordion.getPanes());
                accordion.getPanes().clear();
                VBox sections = new VBox(panes.toArray(javafx.scene.Node[]::new));
                panes.forEach(p -> {
                    p.setAnimated(false); // open at once, not sliding open over the rows above it
                    p.setExpanded(true);
                });
                scroll.setContent(sections);
            }
        }
    }

    /** Puts the keyboard focus in the field with this id (its text selected, ready to be typed over). */
    private void focusField(String id) {
        sheet.applyCss();
        sheet.layout();
        javafx.scene.Node field = withId(sheet, id);
        if (field != null) {
            field.requestFocus();
            if (field instanceof javafx.scene.control.TextField f) {
                f.selectAll();
            }
        }
    }

    private static javafx.scene.Node withId(javafx.scene.Node n, String id) {
        if (id.equals(n.getId())) {
            return n;
        }
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                javafx.scene.Node hit = withId(c, id);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /**
     * Tab (Shift+Tab) in a parameter field applies it and moves to the next (previous) field, wrapping round, so
     * the keyboard stays in the inspector: the edit rebuilds the sheet, and JavaFX's own traversal would then leave
     * the focus on the canvas, where the next Ctrl+A selects every node.
     */
    private void tabToNextField(javafx.scene.input.KeyEvent e) {
        if (e.getCode() != javafx.scene.input.KeyCode.TAB || shown == null || getScene() == null
                || getScene().getFocusOwner() == null || getScene().getFocusOwner().getId() == null
                || !getScene().getFocusOwner().getId().startsWith("param-")) {
            return;
        }
        e.consume();
        javafx.scene.Node from = getScene().getFocusOwner();
        List<String> ids = ParamPath.of(shown.spec()).stream().map(p -> "param-" + p.key()).toList();
        int at = ids.indexOf(from.getId());
        String next = ids.get(Math.floorMod(at + (e.isShiftDown() ? -1 : 1), ids.size()));
        pendingFocus = next;
        if (from instanceof javafx.scene.control.TextField f) {
            f.fireEvent(new javafx.event.ActionEvent()); // commits a changed, valid value (and rebuilds)
        }
        if (pendingFocus != null) { // nothing was rebuilt: the value was unchanged, or invalid
            pendingFocus = null;
            if (!from.getStyle().contains(ParamEditor.INVALID_COLOUR)) {
                focusField(next);
            } // an invalid value keeps the focus, with its reason shown, until it is fixed or Escape
        }
    }

    private boolean isAncestorOf(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }

    /** Shows this node (or nothing for null); rebuilds the sheet only when the node's parameters changed. */
    public void show(Node node, Analysis analysis) {
        boolean wasMany = !alsoShown.isEmpty();
        alsoShown = List.of();
        if (node == null) {
            shown = null;
            idField.setVisible(false);
            heading.setText("Nothing selected");
            sheet.getItems().clear();
            problem.setText("");
            facts.setText("Select one node to edit its parameters.");
            return;
        }
        if (wasMany || shown == null || !shown.id().equals(node.id()) || !shown.spec().equals(node.spec())) {
            shown = node;
            heading.setText(LayerKinds.of(node.spec()).title());
            idField.setText(node.id());
            idField.setStyle("");
            idField.setVisible(true);
            rebuild(node, p -> spec -> onChange.accept(node.id(), spec));
        }
        facts.setText(facts(node.id(), analysis, cost));
    }

    private void rename() {
        if (shown == null || idField.getText().equals(shown.id())) {
            return;
        }
        var refusal = onRename.apply(shown.id(), idField.getText().trim());
        if (refusal.isPresent()) {
            idField.setStyle("-fx-border-color: -nc-error; -fx-background-color: -nc-invalid;");
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
