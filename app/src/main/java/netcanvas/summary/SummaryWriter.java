package netcanvas.summary;

import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Row;
import netcanvas.analysis.Totals;
import netcanvas.graph.LayerKinds;

/**
 * The summary table as CSV (exact numbers, one row per layer and block, blocks before their inner rows) or as a
 * Markdown table (inner rows indented by depth).
 */
public final class SummaryWriter {
    private static final String HEADER = "name,kind,depth,output,params,macs,memory_bytes,receptive_field";

    private SummaryWriter() {
    }

    public static String csv(Analysis a) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        rows(a.rows(), 0, (r, depth) -> s.append(csvField(r.id())).append(',')
                .append(csvField(LayerKinds.of(r.spec()).title())).append(',').append(depth).append(',')
                .append(r.output() == null ? "" : r.output()).append(',').append(r.cost().params()).append(',')
                .append(r.cost().macs()).append(',').append(r.memoryBytes()).append(',')
                .append(r.receptiveField()).append('\n'));
        return s.toString();
    }

    public static String markdown(Analysis a) {
        Totals t = a.totals();
        StringBuilder s = new StringBuilder("# ").append(a.network().name()).append("\n\n")
                .append("| Name | Kind | Output | Params | MACs | Memory | RF |\n")
                .append("|---|---|---|---:|---:|---:|---:|\n");
        rows(a.rows(), 0, (r, depth) -> s.append("| ").append("\u00a0\u00a0".repeat(depth)).append(md(r.id()))
                .append(" | ").append(LayerKinds.of(r.spec()).title()).append(" | ")
                .append(r.output() == null ? "?" : r.output()).append(" | ").append(Formats.count(r.cost().params()))
                .append(" | ").append(Formats.count(r.cost().macs())).append(" | ")
                .append(Formats.bytes(r.memoryBytes())).append(" | ").append(r.receptiveField()).append(" |\n"));
        s.append("\n**Total:** ").append(Formats.count(t.trainableParams())).append(" trainable parameters, ")
                .append(Formats.count(t.macs())).append(" MACs, ").append(Formats.bytes(t.activationBytes()))
                .append(" activations per sample.\n");
        return s.toString();
    }

    private interface RowSink {
        void accept(Row r, int depth);
    }

    private static void rows(List<Row> rows, int depth, RowSink sink) {
        for (Row r : rows) {
            sink.accept(r, depth);
            rows(r.children(), depth + 1, sink);
        }
    }

    private static String csvField(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String md(String v) {
        return v.replace("|", "\\|");
    }
}
