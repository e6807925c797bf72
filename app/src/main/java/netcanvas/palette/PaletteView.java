package netcanvas.palette;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import netcanvas.graph.Category;
import netcanvas.graph.LayerKind;

/**
 * Every layer kind and block, grouped by category, each with its icon and a tooltip giving its formula and
 * parameters. Drag an entry onto the canvas to add it there; double-click (or Enter) adds it after the selected
 * layer. The search field at the top filters the entries as one types.
 */
public final class PaletteView extends ScrollPane {

    /** Where a palette drag stands: moving (preview) or released (drop), in scene coordinates. */
    public interface DropTarget {
        void hover(PaletteEntry entry, double sceneX, double sceneY);

        void drop(PaletteEntry entry, double sceneX, double sceneY);

        /** Adds the entry without a position chosen by the user. */
        void add(PaletteEntry entry);
    }

    private final Map<String, Label> entries = new java.util.LinkedHashMap<>();
    private final Map<Label, PaletteEntry> entryOf = new java.util.HashMap<>();
    private final List<TitledPane> panes = new java.util.ArrayList<>();
    private final TextField search = new TextField();

    public PaletteView(DropTarget target) {
        Map<Category, VBox> groups = new EnumMap<>(Category.class);
        for (PaletteEntry e : PaletteEntry.all()) {
            Label entry = entry(e, target);
            entries.put(e.name(), entry);
            entryOf.put(entry, e);
            groups.computeIfAbsent(e.kind().category(), c -> new VBox(2)).getChildren().add(entry);
        }
        search.setId("palette-search");
        search.setPromptText("Search layers (Ctrl+K)");
        search.setTooltip(new Tooltip("Type to filter; Enter adds the first match after the selected layer"));
        search.textProperty().addListener((o, was, now) -> filter(now));
        search.setOnAction(e -> firstShown().ifPresent(target::add));
        search.setOnKeyPressed(k -> {
            if (k.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                search.clear();
                k.consume();
            }
        });
        VBox all = new VBox(search);
        VBox.setMargin(search, new javafx.geometry.Insets(4));
        groups.forEach((c, box) -> {
            TitledPane pane = new TitledPane(c.title(), box);
            pane.setAnimated(false);
            panes.add(pane);
            all.getChildren().add(pane);
        });
        setContent(all);
        setFitToWidth(true);
        setPrefWidth(190);
        setMinWidth(150);
        getStyleClass().add("palette");
    }

    /** Shows only the entries whose title, file name or category contains the text (all when it is blank). */
    private void filter(String text) {
        String q = text.trim().toLowerCase(Locale.ROOT);
        for (TitledPane pane : panes) {
            boolean categoryMatches = pane.getText().toLowerCase(Locale.ROOT).contains(q);
            int shown = 0;
            for (javafx.scene.Node n : ((VBox) pane.getContent()).getChildren()) {
                PaletteEntry e = entryOf.get(n);
                boolean match = q.isEmpty() || categoryMatches || e.title().toLowerCase(Locale.ROOT).contains(q)
                        || e.name().toLowerCase(Locale.ROOT).contains(q);
                n.setVisible(match);
                n.setManaged(match);
                shown += match ? 1 : 0;
            }
            pane.setVisible(shown > 0);
            pane.setManaged(shown > 0);
            if (!q.isEmpty() && shown > 0) {
                pane.setExpanded(true);
            }
        }
    }

    /** The first entry the filter shows, in palette order. */
    private java.util.Optional<PaletteEntry> firstShown() {
        return entries.values().stream().filter(l -> l.isVisible() && l.getParent().getParent().getParent()
                .isVisible()).map(entryOf::get).findFirst();
    }

    /** Puts the cursor in the search field. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public TextField search() {
        return search;
    }

    private Label entry(PaletteEntry e, DropTarget target) {
        Label l = new Label(e.title(), Icons.of(e.kind()));
        l.setId("palette-" + e.name());
        l.setGraphicTextGap(8);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setStyle("-fx-padding: 2 6 2 6;");
        l.setCursor(Cursor.OPEN_HAND);
        Tooltip tip = new Tooltip(tooltip(e));
        tip.setShowDelay(Duration.millis(300));
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        l.setTooltip(tip);
        l.addEventHandler(MouseEvent.MOUSE_DRAGGED, m -> {
            l.setCursor(Cursor.CLOSED_HAND);
            target.hover(e, m.getSceneX(), m.getSceneY());
        });
        l.addEventHandler(MouseEvent.MOUSE_RELEASED, m -> {
            l.setCursor(Cursor.OPEN_HAND);
            if (m.isStillSincePress()) {
                return;
            }
            target.drop(e, m.getSceneX(), m.getSceneY());
        });
        l.addEventHandler(MouseEvent.MOUSE_CLICKED, m -> {
            // two double-clicks in quick succession count as clicks 3 and 4: each pair adds one
            if (m.getButton() == MouseButton.PRIMARY && m.getClickCount() >= 2 && m.getClickCount() % 2 == 0) {
                target.add(e);
            } else if (m.getButton() == MouseButton.PRIMARY) {
                l.requestFocus();
            }
        });
        // Tab reaches each entry; Enter (or Space) adds it, as a double-click does
        l.setFocusTraversable(true);
        l.focusedProperty().addListener((o, was, now) -> l.setStyle("-fx-padding: 2 6 2 6;" + (now
                ? " -fx-background-color: -nc-highlight; -fx-border-color: -nc-accent;" : "")));
        l.setOnKeyPressed(k -> {
            if (k.getCode() == javafx.scene.input.KeyCode.ENTER || k.getCode() == javafx.scene.input.KeyCode.SPACE) {
                target.add(e);
                k.consume();
            }
        });
        return l;
    }

    /** The tooltip: what the kind computes and which parameters it has, from the kind's own declaration. */
    static String tooltip(PaletteEntry e) {
        LayerKind k = e.kind();
        StringBuilder s = new StringBuilder(e.title()).append("\n");
        if (!e.note().isEmpty()) {
            s.append(e.note()).append("; ");
        }
        s.append(k.formula());
        if (!k.params().isEmpty()) {
            s.append("\nParameters: ");
            for (int i = 0; i < k.params().size(); i++) {
                var p = k.params().get(i);
                s.append(i == 0 ? "" : ", ").append(p.meta().label());
                if (!p.meta().defaultValue().isEmpty() || e.overrides().containsKey(p.name())) {
                    Object v = e.overrides().get(p.name());
                s.append(" (").append(v != null ? v : p.meta().defaultValue()).append(")");
                }
            }
        }
        return s.toString();
    }

    public Label entry(String name) {
        return entries.get(name);
    }
}
