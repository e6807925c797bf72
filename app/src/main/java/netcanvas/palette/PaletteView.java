package netcanvas.palette;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
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
 * parameters. Drag an entry onto the canvas to add it there; double-click adds it in the middle of the view.
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

    public PaletteView(DropTarget target) {
        Map<Category, VBox> groups = new EnumMap<>(Category.class);
        for (PaletteEntry e : PaletteEntry.all()) {
            Label entry = entry(e, target);
            entries.put(e.name(), entry);
            groups.computeIfAbsent(e.kind().category(), c -> new VBox(2)).getChildren().add(entry);
        }
        VBox all = new VBox();
        groups.forEach((c, box) -> {
            TitledPane pane = new TitledPane(c.title(), box);
            pane.setAnimated(false);
            all.getChildren().add(pane);
        });
        setContent(all);
        setFitToWidth(true);
        setPrefWidth(190);
        setMinWidth(150);
        getStyleClass().add("palette");
    }

    private Label entry(PaletteEntry e, DropTarget target) {
        Label l = new Label(e.title(), Icons.of(e.kind()));
        l.setId("palette-" + e.name());
        l.setGraphicTextGap(8);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setStyle("-fx-padding: 3 6 3 6;");
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
            if (m.getButton() == MouseButton.PRIMARY && m.getClickCount() == 2) {
                target.add(e);
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
