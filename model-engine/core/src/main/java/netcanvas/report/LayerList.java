package netcanvas.report;

import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Totals;

/**
 * The summary as a flat list of the expanded layers in topological order, one row each, then a totals row that sums
 * the columns: CSV (plain numbers, for spreadsheets) or a Markdown table (readable numbers, for documents).
 * Parameters are trainable ones, as PyTorch's parameters() counts them.
 */
final class LayerList {
    static final String CSV_HEADER = "layer,kind,output,params,macs,memory_bytes,receptive_field";
    static final String MARKDOWN_HEADER = "| Layer | Kind | Output | Params | MACs | Memory | RF |";
    private static final String MARKDOWN_RULE = "|:--|:--|:--|--:|--:|--:|--:|";

    private LayerList() {
    }

    static String csv(SummaryReport report) {
        CostConvention cost = report.cost();
        StringBuilder s = new StringBuilder(CSV_HEADER.replace(",macs,", "," + cost.key() + ",")).append('\n');
        for (LayerResult r : report.analysis().layers()) {
            boolean known = r.known();
            s.append(netcanvas.io.SafeText.csvCell(r.id())).append(',').append(r.spec().kind()).append(',')
                    .append(known ? r.output().toString() : "").append(',')
                    .append(r.cost().params()).append(',').append(cost.of(r)).append(',')
                    .append(r.memoryBytes()).append(',').append(known ? Long.toString(r.receptiveField()) : "")
                    .append('\n');
        }
        Totals t = report.analysis().totals();
        s.append("total,,,").append(csvTotal(t.trainableParams())).append(',').append(csvTotal(cost.total(report.analysis()))).append(',')
                .append(csvTotal(t.activationBytes())).append(",\n");
        return s.toString();
    }

    /** A plain number, or "more than 9223372036854775807" for a total capped by the analysis' saturating sums. */
    private static String csvTotal(long n) {
        return Totals.isCapped(n) ? "more than " + n : Long.toString(n);
    }

    static String markdown(SummaryReport report) {
        CostConvention cost = report.cost();
        StringBuilder s = new StringBuilder(MARKDOWN_HEADER.replace("| MACs |", "| " + cost.column() + " |"))
                .append('\n').append(MARKDOWN_RULE).append('\n');
        for (LayerResult r : report.analysis().layers()) {
            boolean known = r.known();
            markdownRow(s, cell(r.id()), r.spec().kind(), known ? r.output().toString() : "?",
                    Units.count(r.cost().params()), Units.count(cost.of(r)),
                    known ? Units.bytes(r.memoryBytes()) : "?", known ? Long.toString(r.receptiveField()) : "?");
        }
        Totals t = report.analysis().totals();
        markdownRow(s, "**Total**", "", "", Units.countTotal(t.trainableParams()), Units.countTotal(cost.total(report.analysis())),
                Units.bytesTotal(t.activationBytes()), "");
        return s.toString();
    }

    private static void markdownRow(StringBuilder s, String... cells) {
        s.append('|');
        for (String c : cells) {
            s.append(' ').append(c).append(" |");
        }
        s.append('\n');
    }

    /** A pipe would end the cell; control characters (a line break would end the row) are escaped. */
    private static String cell(String v) {
        return netcanvas.io.SafeText.of(v.replace("\\", "\\\\").replace("|", "\\|"));
    }
}
