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
import netcanvas.graph.LayerKinds;

/**
 * Every layer kind and block, grouped by category, each with its icon and a tooltip giving its formula and
 * parameters. Drag an entry onto the canvas to add it there; double-click adds it in the middle of the view.
 */
public final class PaletteView extends ScrollPane {

    /** Where a palette drag stands: moving (preview) or released (drop), in scene coordinates. */
    public interface DropTarget {
        void hover(LayerKind kind, double sceneX, double sceneY);

        void drop(LayerKind kind, double sceneX, double sceneY);

        /** Adds the kind without a position chosen by the user. */
        void add(LayerKind kind);
    }

    private final Map<LayerKind, Label> entries = new java.util.LinkedHashMap<>();

    public PaletteView(DropTarget target) {
        Map<Category, VBox> groups = new EnumMap<>(Category.class);
        for (LayerKind k : LayerKinds.ALL) {
            Label entry = entry(k, target);
            entries.put(k, entry);
            groups.computeIfAbsent(k.category(), c -> new VBox(2)).getChildren().add(entry);
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

    private Label entry(LayerKind k, DropTarget target) {
        Label l = new Label(k.title(), Icons.of(k));
        l.setId("palette-" + k.name());
        l.setGraphicTextGap(8);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setStyle("-fx-padding: 3 6 3 6;");
        l.setCursor(Cursor.OPEN_HAND);
        Tooltip tip = new Tooltip(tooltip(k));
        tip.setShowDelay(Duration.millis(300));
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        l.setTooltip(tip);
        l.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            l.setCursor(Cursor.CLOSED_HAND);
            target.hover(k, e.getSceneX(), e.getSceneY());
        });
        l.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            l.setCursor(Cursor.OPEN_HAND);
            if (e.isStillSincePress()) {
                return;
            }
            target.drop(k, e.getSceneX(), e.getSceneY());
        });
        l.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                target.add(k);
            }
        });
        return l;
    }

    /** The tooltip: what the kind computes and which parameters it has, from the kind's own declaration. */
    static String tooltip(LayerKind k) {
        StringBuilder s = new StringBuilder(k.title()).append("\n").append(k.formula());
        if (!k.params().isEmpty()) {
            s.append("\nParameters: ");
            for (int i = 0; i < k.params().size(); i++) {
                var p = k.params().get(i);
                s.append(i == 0 ? "" : ", ").append(p.meta().label());
                if (!p.meta().defaultValue().isEmpty()) {
                    s.append(" (").append(p.meta().defaultValue()).append(")");
                }
            }
        }
        return s.toString();
    }

    public Label entry(LayerKind k) {
        return entries.get(k);
    }
}
