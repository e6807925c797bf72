package netcanvas.report;

import java.util.ArrayList;
import java.util.List;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.Row;
import netcanvas.analysis.Totals;
import netcanvas.analysis.TrainingMemory;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Shape;

/**
 * The summary as a text table in the manner of torchinfo: one line per layer, blocks followed by their inner layers
 * indented beneath them, totals at the bottom, then any diagnostics. Columns size themselves to their contents.
 */
final class SummaryTable {
    private static final String[] HEADERS = {"Layer", "Kind", "Output", "Params", "MACs", "Memory", "RF"};
    /** Numbers are right-aligned so their digits line up. */
    private static final boolean[] RIGHT = {false, false, false, true, true, true, true};
    private static final String GAP = "  ";
    private static final String INDENT = "  ";

    private SummaryTable() {
    }

    static String render(SummaryReport report) {
        List<String[]> lines = new ArrayList<>();
        for (Row row : report.analysis().rows()) {
            addRow(lines, row, 0);
        }
        int[] widths = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            widths[c] = HEADERS[c].length();
            for (String[] line : lines) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        int total = (HEADERS.length - 1) * GAP.length();
        for (int w : widths) {
            total += w;
        }
        StringBuilder s = new StringBuilder();
        Shape input = report.input();
        s.append("Network: ").append(report.networkName())
                .append(input == null ? "" : " (input " + input + ")").append('\n');
        rule(s, '=', total);
        line(s, HEADERS, widths);
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

    private static void addRow(List<String[]> lines, Row row, int depth) {
        boolean known = row.output() != null;
        lines.add(new String[] {
            INDENT.repeat(depth) + row.id(),
            LayerKinds.of(row.spec()).title(),
            known ? row.output().toString() : "?",
            known ? countOrDash(row.cost().params()) : "?",
            known ? countOrDash(row.cost().macs()) : "?",
            known ? Units.bytes(row.memoryBytes()) : "?",
            known ? Long.toString(row.receptiveField()) : "?"});
        for (Row child : row.children()) {
            addRow(lines, child, depth + 1);
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
        rows.add(new String[] {"Total params", Units.count(t.params())});
        rows.add(new String[] {"Trainable params", Units.count(t.trainableParams())});
        rows.add(new String[] {"Non-trainable params", Units.count(t.params() - t.trainableParams())});
        if (t.stateValues() > 0) {
            rows.add(new String[] {"Running statistics", Units.count(t.stateValues())
                    + " (batch-norm buffers, not parameters)"});
        }
        rows.add(new String[] {"MACs", Units.count(t.macs()) + " (" + Units.scaled(t.macs()) + ")"});
        rows.add(new String[] {"Other ops", Units.count(t.otherOps()) + " (" + Units.scaled(t.otherOps())
                + "; pooling, normalisation, activations, adds)"});
        rows.add(new String[] {"Activation memory", Units.megabytes(t.activationBytes()) + " per sample"});
        TrainingMemory m = report.trainingMemory();
        if (m != null) {
            rows.add(new String[] {"Training memory", Units.bytes(m.total()) + " (batch " + m.batch() + ", "
                    + report.optimizer() + ": weights " + Units.bytes(m.weights()) + ", gradients "
                    + Units.bytes(m.gradients()) + ", optimizer state " + Units.bytes(m.optimizerState())
                    + ", activations " + Units.bytes(m.activations()) + ")"});
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
    }

    private static void diagnostics(StringBuilder s, List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            return;
        }
        s.append("Diagnostics:\n");
        for (Diagnostic d : diagnostics) {
            s.append("  ").append(d).append('\n');
        }
    }
}
