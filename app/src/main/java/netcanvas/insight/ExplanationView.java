package netcanvas.insight;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import netcanvas.analysis.Analysis;
import netcanvas.graph.Explained;
import netcanvas.report.Explainer;

/**
 * The inspector's "How it is computed" section: each figure of the selected layer or block with the layer's own
 * values substituted, e.g. {@code H' = floor((H + 2p - k) / s) + 1 = floor((227 + 2*2 - 11) / 4) + 1 = 56}. The text
 * is the engine's {@link Explainer} (the layer kind's own rule), never recomputed here, so it cannot disagree with
 * the figures shown above it.
 */
public final class ExplanationView extends VBox {
    private final Label heading = new Label("How it is computed");
    private final VBox body = new VBox(5);
    private String text = "";

    public ExplanationView() {
        super(4);
        setId("inspector-explanation");
        heading.setStyle("-fx-font-weight: bold;");
        body.setId("inspector-explanation-text");
        getChildren().addAll(heading, body);
        show(null, null);
    }

    /** Explains this layer or block of the analysis; nothing when none is selected. */
    public void show(String id, Analysis a) {
        if (id == null || a == null) {
            setVisible(false);
            setManaged(false);
            body.getChildren().clear();
            text = "";
            return;
        }
        setVisible(true);
        setManaged(true);
        body.getChildren().clear();
        StringBuilder all = new StringBuilder();
        Explainer.Explanation e;
        try {
            e = Explainer.explain(a, id);
        } catch (IllegalArgumentException unknown) {
            // an unknown shape: the errors, shown above, come first
            body.getChildren().add(line(unknown.getMessage(), false));
            text = unknown.getMessage();
            return;
        }
        // the figures first, each on its own lines; then where the inputs come from
        for (Explained f : e.figures()) {
            String s = f.line() + (f.figure() == Explained.Figure.MEMORY ? " bytes" : "");
            body.getChildren().add(line(s, false));
            all.append(s).append('\n');
        }
        for (String n : e.notes()) {
            body.getChildren().add(line(n, true));
            all.append(n).append('\n');
        }
        text = all.toString().stripTrailing();
    }

    private static Label line(String s, boolean note) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace; -fx-font-size: 11px;"
                + (note ? " -fx-text-fill: -nc-muted-text;" : ""));
        return l;
    }

    /** Every line shown, figures then notes. */
    public String text() {
        return text;
    }
}
