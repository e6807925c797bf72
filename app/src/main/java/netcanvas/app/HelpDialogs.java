package netcanvas.app;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** The Help menu's windows: the keyboard shortcuts (from the same list the menus are built from) and the mouse. */
final class HelpDialogs {
    private HelpDialogs() {
    }

    static void shortcuts(Window owner, List<Shortcut> shortcuts) {
        show(owner, "Keyboard shortcuts", Shortcut.table(shortcuts) + "\n" + mouseHelp(), 560);
    }

    static void mouse(Window owner) {
        show(owner, "Mouse", mouseHelp(), 240);
    }

    /** A read-only monospaced text in an information dialog, so tables line up. */
    private static void show(Window owner, String header, String body, double height) {
        TextArea text = new TextArea(body);
        text.setEditable(false);
        text.setStyle("-fx-font-family: 'DejaVu Sans Mono';");
        text.setPrefSize(640, height);
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.initOwner(owner);
        a.setHeaderText(header);
        a.getDialogPane().setContent(text);
        a.show();
    }

    static String mouseHelp() {
        return """
                Drag a palette entry onto the canvas     add a layer (double-click: add in the middle)
                Drag from a node's bottom port to a node connect (red line: refused, with the reason)
                Click / Shift+click / drag on background select / add to selection / rubber-band
                Drag a selected node                     move the selection
                Click an edge, then Delete               disconnect
                Ctrl+wheel or pinch                      zoom
                Wheel, right- or middle-drag             pan
                Double-click a block                     look inside (breadcrumb or Escape leads back)
                Click a summary row                      select and centre its node
                """;
    }
}
