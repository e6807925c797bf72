package netcanvas.canvas;

import java.util.ArrayList;
import java.util.List;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.Row;
import netcanvas.graph.Category;
import netcanvas.graph.CompositeSpec;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;
import netcanvas.report.Units;

/**
 * Everything one node box shows, as a value: a view is redrawn only when its model changes, and a model is a pure
 * function of the node (or inner layer), its analysis row and its diagnostics.
 *
 * @param name     what the box calls the node: its id, or inside a block the part after the block's id
 * @param costs    parameters and MACs (a block's totals), empty for free layers
 * @param problems diagnostics pinned to the node, as messages; empty when it is fine
 * @param error    whether any problem is an error (red) rather than a warning (orange)
 * @param inputs   whether the layer takes inputs (an Input does not, so it has no input port)
 */
public record NodeModel(String id, String name, String title, String keyParams, String shape, String costs,
        Category category, List<String> problems, boolean error, boolean composite, boolean inputs, double x,
        double y) {

    public NodeModel {
        problems = List.copyOf(problems);
    }

    public static NodeModel of(String id, LayerSpec spec, Row row, List<Diagnostic> diagnostics, double x,
            double y) {
        return of(id, id, spec, row, diagnostics, x, y);
    }

    public static NodeModel of(String id, String name, LayerSpec spec, Row row, List<Diagnostic> diagnostics, double x,
            double y) {
        List<String> problems = new ArrayList<>();
        boolean error = false;
        for (Diagnostic d : diagnostics) {
            problems.add((d.node().equals(id) || d.node().isEmpty() ? "" : d.node() + ": ") + d.message());
            error |= d.isError();
        }
        boolean composite = spec instanceof CompositeSpec;
        String shape = row == null || row.output() == null ? "?" : row.output().toString();
        String costs = "";
        if (row != null && (row.cost().params() > 0 || row.cost().macs() > 0)) {
            // Three figures, so the line fits the box (two decimals drew "667.94 M MA..." for a 23.30 k conv).
            costs = Units.brief(row.cost().params()) + " params, " + Units.brief(row.cost().macs()) + " MACs";
        }
        int maxInputs = spec.maxInputs();
        var kind = LayerKinds.of(spec);
        return new NodeModel(id, name, kind.title(), spec.keyParams(), shape, costs, kind.category(), problems, error,
                composite, maxInputs > 0, x, y);
    }
}
