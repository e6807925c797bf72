package netcanvas.summary;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;

/**
 * Every diagnostic of the network, errors first: those about a layer as a link to the node that holds it (a click
 * selects and centres it), those about the network as a whole (no Output layer, several Inputs) as plain lines.
 * The badges on the canvas show only what is in view; this list shows everything at once.
 */
public final class ProblemsPanel extends ScrollPane {
    private final VBox lines = new VBox(2);
    private final Consumer<String> reveal;
    private List<Diagnostic> shown = List.of();

    /** @param reveal selects and centres a node of the designed network, given its id */
    public ProblemsPanel(Consumer<String> reveal) {
        this.reveal = reveal;
        lines.setStyle("-fx-padding: 4 8 4 8;");
        setContent(lines);
        setFitToWidth(true);
        setId("problems-panel");
        getStyleClass().add("problems");
    }

    public void show(Analysis a) {
        List<Diagnostic> all = a.diagnostics().stream()
                .sorted((x, y) -> Boolean.compare(y.isError(), x.isError())).toList();
        if (all.equals(shown) && !lines.getChildren().isEmpty()) {
            return;
        }
        shown = all;
        lines.getChildren().clear();
        if (all.isEmpty()) {
            Label none = new Label("No problems: every layer has a shape and the network has an Output.");
            none.setId("problems-none");
            lines.getChildren().add(none);
            return;
        }
        for (Diagnostic d : all) {
            lines.getChildren().add(line(d));
        }
    }

    private HBox line(Diagnostic d) {
        Label mark = new Label(d.isError() ? "\u26d4 Error" : "\u26a0 Warning");
        mark.setMinWidth(80);
        mark.setStyle(d.isError() ? "-fx-text-fill: -nc-error-text; -fx-font-weight: bold;" : "-fx-text-fill: -nc-warning-text;");
        Label message = new Label(d.message());
        message.setWrapText(true);
        message.setTooltip(new Tooltip(d.message()));
        HBox line = new HBox(6, mark);
        line.getStyleClass().add("problem-line");
        if (d.owner() == null || d.owner().isEmpty()) {
            Label where = new Label("network:");
            where.setMinWidth(Label.USE_PREF_SIZE);
            line.getChildren().addAll(where, message);
        } else {
            Hyperlink where = new Hyperlink(d.node().equals(d.owner()) ? d.node() : d.node() + " (in " + d.owner()
                    + ")");
            where.setMinWidth(Label.USE_PREF_SIZE);
            where.setOnAction(e -> reveal.accept(d.owner()));
            where.setTooltip(new Tooltip("Select and centre " + d.owner()));
            line.getChildren().addAll(where, message);
        }
        line.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        return line;
    }

    /** The diagnostics listed, errors first. */
    public List<Diagnostic> shown() {
        return shown;
    }

    /** The tab or heading text: "Problems (2 errors, 1 warning)". */
    public static String title(Analysis a) {
        long errors = a.diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = a.diagnostics().size() - errors;
        return "Problems (" + plural(errors, "error") + ", " + plural(warnings, "warning") + ")";
    }

    static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
