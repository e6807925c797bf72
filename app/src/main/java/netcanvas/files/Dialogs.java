package netcanvas.files;

import java.io.File;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The file dialogs and error messages the file actions share. */
final class Dialogs {
    private Dialogs() {
    }

    /** Asks where to write a file of one type; null when cancelled. */
    static Path saveTarget(Window owner, String title, String initial, String what, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(initial);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        File f = fc.showSaveDialog(owner);
        return f == null ? null : f.toPath();
    }

    static void error(Window owner, String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(owner);
        a.setHeaderText(header);
        a.showAndWait();
    }
}
