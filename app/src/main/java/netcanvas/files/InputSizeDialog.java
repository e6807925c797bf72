package netcanvas.files;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import netcanvas.graph.Input;

/**
 * Asks for the input size of an ONNX model whose size is symbolic ([N, 3, H, W]): channels, height and width,
 * prefilled with the model's own numbers where it has them and 3 x 224 x 224 elsewhere.
 */
final class InputSizeDialog {
    /** How the importer words a symbolic input size (its message then lists the declared dimensions). */
    private static final Pattern SYMBOLIC = Pattern.compile("has a symbolic size \\[([^\\]]*)\\]");

    private InputSizeDialog() {
    }

    /** The declared dimensions ("N, 3, H, W") when the import failed only for want of an input size, else null. */
    static String symbolicDims(String importMessage) {
        Matcher m = SYMBOLIC.matcher(importMessage == null ? "" : importMessage);
        return m.find() ? m.group(1) : null;
    }

    /** 3 x 224 x 224, with each size the model does declare in its place. */
    static int[] prefill(String dims) {
        int[] chw = {3, 224, 224};
        String[] d = dims.split(",\\s*");
        if (d.length == 4) {
            for (int i = 0; i < 3; i++) {
                try {
                    int v = Integer.parseInt(d[i + 1].trim());
                    if (v > 0) {
                        chw[i] = v;
                    }
                } catch (NumberFormatException e) {
                    // symbolic: keep the default
                }
            }
        } else if (d.length == 2) {
            try {
                chw = new int[] {Integer.parseInt(d[1].trim()), 1, 1};
            } catch (NumberFormatException e) {
                // keep the default
            }
        }
        return chw;
    }

    /** Shows the dialog and waits; empty when the user cancels. */
    static Optional<Input> ask(Window owner, String fileName, String dims) {
        int[] chw = prefill(dims);
        Dialog<Input> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Input size");
        d.setHeaderText(fileName + " has a symbolic input size [" + dims + "].\n"
                + "Give the size of one input image to analyse and import it with:");
        TextField c = field("input-channels", chw[0]);
        TextField h = field("input-height", chw[1]);
        TextField w = field("input-width", chw[2]);
        Label note = new Label();
        note.setId("input-size-note");
        note.setStyle("-fx-text-fill: -nc-error-text;");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("Channels (C)"), c);
        g.addRow(1, new Label("Height (H)"), h);
        g.addRow(2, new Label("Width (W)"), w);
        g.add(note, 0, 3, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().setId("input-size");
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        Runnable check = () -> {
            String problem = problem(c, h, w);
            note.setText(problem == null ? "" : problem);
            ok.setDisable(problem != null);
        };
        for (TextField f : new TextField[] {c, h, w}) {
            f.textProperty().addListener((o, a, b) -> check.run());
        }
        check.run();
        d.setResultConverter(b -> b == ButtonType.OK ? input(c, h, w) : null);
        Platform.runLater(c::requestFocus);
        return d.showAndWait();
    }

    private static TextField field(String id, int value) {
        TextField f = new TextField(Integer.toString(value));
        f.setId(id);
        f.setPrefColumnCount(6);
        return f;
    }

    private static String problem(TextField c, TextField h, TextField w) {
        try {
            input(c, h, w);
            return null;
        } catch (NumberFormatException e) {
            return "Give three whole numbers above 0";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Input input(TextField c, TextField h, TextField w) {
        return new Input(Integer.parseInt(c.getText().trim()), Integer.parseInt(h.getText().trim()),
                Integer.parseInt(w.getText().trim()));
    }
}
