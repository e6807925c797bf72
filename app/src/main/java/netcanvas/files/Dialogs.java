package netcanvas.files;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The error message the file actions share. */
final class Dialogs {
    private Dialogs() {
    }

    static void error(Window owner, String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(owner);
        a.setHeaderText(header);
        a.showAndWait();
    }
}
