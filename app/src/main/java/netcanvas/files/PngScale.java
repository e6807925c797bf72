package netcanvas.files;

import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.Window;

/** The question before a PNG export: at which scale to draw the canvas (2x and 4x stay sharp on slides). */
final class PngScale {
    static final List<Integer> CHOICES = List.of(1, 2, 4);

    private PngScale() {
    }

    /** The chosen scale, or null when the user cancels. */
    static Integer ask(Window owner, int initial) {
        ChoiceDialog<String> d = new ChoiceDialog<>(label(initial), CHOICES.stream().map(PngScale::label).toList());
        d.initOwner(owner);
        d.setTitle("Export canvas as PNG");
        d.setHeaderText("Scale of the picture");
        d.setContentText("Scale:");
        d.getDialogPane().setId("png-scale-dialog");
        d.getDialogPane().lookupButton(ButtonType.OK).setId("png-scale-ok");
        return d.showAndWait().map(s -> Integer.parseInt(s.substring(0, s.indexOf('x')))).orElse(null);
    }

    static String label(int scale) {
        return switch (scale) {
            case 1 -> "1x (as on screen at 100 %)";
            case 2 -> "2x (sharp on slides)";
            default -> scale + "x (print)";
        };
    }
}
