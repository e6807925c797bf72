package netcanvas.report;

import java.util.ArrayList;
import java.util.List;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.Row;
import netcanvas.analysis.Totals;
import netcanvas.analysis.LayerMemory;
import netcanvas.analysis.MemoryEstimate;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Shape;

/**
 * The summary as a text table in the manner of torchinfo: one line per layer, blocks followed by their inner layers
 * indented beneath them, totals at the bottom, then any diagnostics. Columns size themselves to their contents.
 */
final class SummaryTable {
    private static final String[] COLUMNS = {"Layer", "Kind", "Output", "Params", "MACs", "Memory", "RF"};
    /** Numbers are right-aligned so their digits line up. */
    private static final boolean[] RIGHT = {false, false, false, true, true, true, true};
    private static final String GAP = "  ";
    private static final String INDENT = "  ";

    private SummaryTable() {
    }

    static String render(SummaryReport report) {
        String[] headers = COLUMNS.clone();
        headers[4] = report.cost().column();
        List<String[]> lines = new ArrayList<>();
        for (Row row : report.analysis().rows()) {
            addRow(lines, row, 0, report.cost());
        }
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] line : lines) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        int total = (headers.length - 1) * GAP.length();
        for (int w : widths) {
            total += w;
        }
        StringBuilder s = new StringBuilder();
        Shape input = report.input();
        s.append("Network: ").append(netcanvas.io.SafeText.of(report.networkName()))
                .append(input == null ? "" : " (input " + input + ")").append('\n');
        if (report.cost() != CostConvention.MACS) {
            s.append("Cost convention: ").append(report.cost().label()).append(" (")
                    .append(report.cost().description()).append(")\n");
        }
        rule(s, '=', total);
        line(s, headers, widths);
        rule(s, '-', total);
        for (String[] line : lines) {
            line(s, line, widths);
        }
        rule(s, '=', total);
        totals(s, report);
        rule(s, '=', total);
        diagnostics(s, report.analysis().diagnostics());
        return s.toString();
    }

    private static void addRow(List<String[]> lines, Row row, int depth, CostConvention cost) {
        boolean known = row.output() != null;
        lines.add(new String[] {
            INDENT.repeat(depth) + netcanvas.io.SafeText.of(row.id()),
            LayerKinds.of(row.spec()).title(),
            known ? row.output().toString() : "?",
            known ? countOrDash(row.cost().params()) : "?",
            known ? countOrDash(cost.of(row)) : "?",
            known ? Units.bytes(row.memoryBytes()) : "?",
            known ? Long.toString(row.receptiveField()) : "?"});
        for (Row child : row.children()) {
            addRow(lines, child, depth + 1, cost);
        }
    }

    /** torchinfo's "--" for layers without weights or multiply-adds keeps the eye on the ones that have them. */
    private static String countOrDash(long n) {
        return n == 0 ? "--" : Units.count(n);
    }

    private static void line(StringBuilder s, String[] cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append(GAP);
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            l.append(RIGHT[c] ? pad + cells[c] : cells[c] + pad);
        }
        s.append(l.toString().stripTrailing()).append('\n');
    }

    private static void rule(StringBuilder s, char c, int width) {
        s.append(String.valueOf(c).repeat(width)).append('\n');
    }

    private static void totals(StringBuilder s, SummaryReport report) {
        Totals t = report.analysis().totals();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Total params", Units.countTotal(t.params())});
        rows.add(new String[] {"Trainable params", Units.countTotal(t.trainableParams())});
        rows.add(new String[] {"Non-trainable params", Totals.isCapped(t.params()) ? "?"
                : Units.count(t.params() - t.trainableParams())});
        if (t.stateValues() > 0) {
            rows.add(new String[] {"Running statistics", Units.countTotal(t.stateValues())
                    + " (batch-norm buffers, not parameters)"});
        }
        rows.add(new String[] {"MACs", withScale(t.macs(), "")});
        CostConvention cost = report.cost();
        if (cost != CostConvention.MACS) {
            rows.add(new String[] {cost.column(), withScale(cost.total(report.analysis()), "; " + cost.description())});
        }
        rows.add(new String[] {"Other ops", withScale(t.otherOps(), "; pooling, normalisation, activations, adds")});
        rows.add(new String[] {"Activation memory", Units.megabytesTotal(t.activationBytes()) + " per sample"});
        MemoryEstimate e = report.trainingMemory();
        LayerMemory m = e == null ? null : e.total();
        if (m != null) {
            rows.add(new String[] {"Training memory", Units.bytesTotal(e.peak()) + " at the peak (batch " + e.batch()
                    + ", " + report.optimizer() + ": weights " + Units.bytesTotal(m.weights()) + ", gradients "
                    + Units.bytesTotal(m.gradients()) + ", optimizer state " + Units.bytesTotal(m.optimizerState())
                    + ", activations and their gradients " + Units.bytesTotal(m.activations())
                    + ", convolution kernels " + Units.bytesTotal(m.kernelState())
                    + ", largest workspace " + Units.bytesTotal(m.workspace()) + "; per layer: --memory)"});
        }
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length() + 1);
        }
        for (String[] r : rows) {
            s.append(r[0]).append(':').append(" ".repeat(width - r[0].length())).append(r[1]).append('\n');
        }
        if (!t.complete()) {
            s.append("Totals are lower bounds: errors left some layers without a shape.\n");
        }
        if (t.capped() || e != null && Totals.isCapped(e.peak())) {
            s.append("Totals marked \"more than\" passed 2^63 - 1 and were capped there; their true value is larger.\n");
        }
    }

    /** "4,089,184,256 (4.09 G; note)", or "more than 9,223,372,036,854,775,807 (note)" for a capped total. */
    private static String withScale(long n, String note) {
        if (Totals.isCapped(n)) {
            return Units.countTotal(n) + (note.isEmpty() ? "" : " (" + note.substring(2) + ")");
        }
        return Units.count(n) + " (" + Units.scaled(n) + note + ")";
    }

    private static void diagnostics(StringBuilder s, List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            return;
        }
        s.append("Diagnostics:\n");
        for (Diagnostic d : diagnostics) {
            s.append("  ").append(netcanvas.io.SafeText.of(d.toString())).append('\n');
        }
    }
}
