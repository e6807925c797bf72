package netcanvas.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netcanvas.analysis.Row;
import netcanvas.analysis.Totals;
import netcanvas.graph.Shape;
import netcanvas.report.ReportFormat;
import netcanvas.report.Units;

/**
 * A comparison as a table, Markdown or JSON. The JSON is a contract (see the README):
 * <pre>
 * {"a": {"network"}, "b": {"network"},
 *  "rows": [{"depth", "status", "a": side|null, "b": side|null,
 *            "diff": {"params", "macs", "memoryBytes"}}],
 *  "counts": {"same", "changed", "added", "removed"},
 *  "totals": {"a": totals, "b": totals, "diff": totals, "ratio": {"params", "macs", "otherOps", "activationBytes"}}}
 * side:   {"id", "kind", "keyParams", "output": [C,H,W]|[N]|null, "params", "macs", "memoryBytes"}
 * totals: {"params", "macs", "otherOps", "activationBytes"}
 * </pre>
 * "diff" is B minus A (a missing side counts 0); a ratio is B / A, null where A's figure is 0.
 */
public final class ComparisonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ComparisonReport() {
    }

    /** The comparison in a format, every row; CSV is not offered (rows nest). */
    public static String render(Comparison c, ReportFormat format, boolean differencesOnly) {
        return render(c, format, differencesOnly, Integer.MAX_VALUE);
    }

    /**
     * The comparison in a format; table and Markdown leave out rows deeper than maxDepth (0: the designed nodes
     * only) and, with differencesOnly, the rows that are the same. JSON always holds every row.
     */
    public static String render(Comparison c, ReportFormat format, boolean differencesOnly, int maxDepth) {
        return switch (format) {
            case JSON -> json(c);
            case MARKDOWN -> markdown(c, differencesOnly, maxDepth);
            case TABLE -> table(c, differencesOnly, maxDepth);
            default -> throw new IllegalArgumentException("compare writes table, json or markdown, not "
                    + format.label());
        };
    }

    // ---- table

    private static List<String[]> cells(Comparison c, boolean differencesOnly, int maxDepth, boolean markdown) {
        List<String[]> rows = new ArrayList<>();
        for (CompareRow r : c.rows()) {
            if (differencesOnly && r.status() == Status.SAME || r.depth() > maxDepth) {
                continue;
            }
            String indent = markdown ? "&nbsp;".repeat(2 * r.depth()) : "  ".repeat(r.depth());
            rows.add(new String[] {markdown ? r.status().label() : r.status().mark(), indent + r.label(), r.layer(),
                    shapes(r), figure(r, r.paramsA(), r.paramsB(), false), figure(r, r.macsA(), r.macsB(), false),
                    figure(r, r.memoryA(), r.memoryB(), true)});
        }
        return rows;
    }

    private static String shapes(CompareRow r) {
        String a = r.a() == null ? null : text(r.outputA());
        String b = r.b() == null ? null : text(r.outputB());
        if (a == null) {
            return b;
        }
        return b == null || a.equals(b) ? a : a + " -> " + b;
    }

    private static String text(Shape s) {
        return s == null ? "?" : s.toString();
    }

    /** "1,234" when equal; "1,234 -> 2,468 (+1,234)" when changed; the one side's figure when added or removed. */
    private static String figure(CompareRow r, long a, long b, boolean bytes) {
        if (r.a() == null) {
            return num(b, bytes);
        }
        if (r.b() == null) {
            return num(a, bytes);
        }
        if (a == b) {
            return num(a, bytes);
        }
        long d = b - a;
        return num(a, bytes) + " -> " + num(b, bytes) + " (" + (d > 0 ? "+" : "-") + num(Math.abs(d), bytes) + ")";
    }

    private static String num(long n, boolean bytes) {
        return bytes ? Units.bytes(n) : Units.count(n);
    }

    private static final String[] HEADER = {"", "Layer", "Kind", "Output", "Params", "MACs", "Memory"};

    private static String table(Comparison c, boolean differencesOnly, int maxDepth) {
        StringBuilder s = new StringBuilder();
        s.append("A: ").append(c.a().network().name()).append("    B: ").append(c.b().network().name()).append('\n');
        s.append("(= same, ~ changed, + added in B, - removed from A; changed figures read A -> B (B - A))\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.addAll(cells(c, differencesOnly, maxDepth, false));
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean right = i >= 4;
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(i == 0 ? "" : "  ").append(right ? pad + r[i] : r[i] + pad);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        s.append('\n');
        List<String[]> totals = totals(c);
        int[] tw = new int[5];
        for (String[] t : totals) {
            for (int i = 0; i < t.length; i++) {
                tw[i] = Math.max(tw[i], t[i].length());
            }
        }
        for (String[] t : totals) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < t.length; i++) {
                String pad = " ".repeat(tw[i] - t[i].length());
                line.append(i == 0 ? t[i] + pad : "  " + pad + t[i]);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        s.append(counts(c)).append('\n');
        return s.toString();
    }

    private static List<String[]> totals(Comparison c) {
        Totals a = c.totalsA();
        Totals b = c.totalsB();
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"Totals", "A", "B", "B - A", "B / A"});
        t.add(total("Params", a.params(), b.params(), false));
        t.add(total("MACs", a.macs(), b.macs(), false));
        t.add(total("Other ops", a.otherOps(), b.otherOps(), false));
        t.add(total("Activation memory", a.activationBytes(), b.activationBytes(), true));
        return t;
    }

    private static String[] total(String name, long a, long b, boolean bytes) {
        long d = b - a;
        String diff = (d > 0 ? "+" : d < 0 ? "-" : "") + num(Math.abs(d), bytes);
        double ratio = Comparison.ratio(a, b);
        return new String[] {name, bytes ? Units.bytesTotal(a) : Units.countTotal(a),
            bytes ? Units.bytesTotal(b) : Units.countTotal(b), diff,
            Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio)};
    }

    private static String counts(Comparison c) {
        return "Rows: " + c.rows(Status.SAME).size() + " same, " + c.rows(Status.CHANGED).size() + " changed, "
                + c.rows(Status.ADDED).size() + " added, " + c.rows(Status.REMOVED).size() + " removed (layers: "
                + c.layers(Status.SAME).size() + " same, " + c.layers(Status.CHANGED).size() + " changed, "
                + c.layers(Status.ADDED).size() + " added, " + c.layers(Status.REMOVED).size() + " removed)";
    }

    // ---- Markdown

    private static String markdown(Comparison c, boolean differencesOnly, int maxDepth) {
        StringBuilder s = new StringBuilder();
        s.append("A: **").append(esc(c.a().network().name())).append("**, B: **").append(esc(c.b().network().name()))
                .append("**\n\n");
        s.append("| Status | Layer | Kind | Output | Params | MACs | Memory |\n");
        s.append("|---|---|---|---|--:|--:|--:|\n");
        for (String[] r : cells(c, differencesOnly, maxDepth, true)) {
            s.append('|');
            for (String cell : r) {
                s.append(' ').append(esc(cell)).append(" |");
            }
            s.append('\n');
        }
        s.append('\n');
        List<String[]> totals = totals(c);
        s.append("| Totals | A | B | B - A | B / A |\n|---|--:|--:|--:|--:|\n");
        for (String[] t : totals.subList(1, totals.size())) {
            s.append('|');
            for (String cell : t) {
                s.append(' ').append(esc(cell)).append(" |");
            }
            s.append('\n');
        }
        s.append('\n').append(counts(c)).append('\n');
        return s.toString();
    }

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("->", "→");
    }

    // ---- JSON

    private static String json(Comparison c) {
        StringBuilder s = new StringBuilder("{\n");
        ObjectNode a = F.objectNode();
        a.put("network", c.a().network().name());
        ObjectNode b = F.objectNode();
        b.put("network", c.b().network().name());
        s.append("  \"a\": ").append(compact(a)).append(",\n");
        s.append("  \"b\": ").append(compact(b)).append(",\n");
        s.append("  \"rows\": [");
        for (int i = 0; i < c.rows().size(); i++) {
            CompareRow r = c.rows().get(i);
            ObjectNode o = F.objectNode();
            o.put("depth", r.depth());
            o.put("status", r.status().label());
            o.set("a", side(r.a()));
            o.set("b", side(r.b()));
            ObjectNode d = F.objectNode();
            d.put("params", r.paramsB() - r.paramsA());
            d.put("macs", r.macsB() - r.macsA());
            d.put("memoryBytes", r.memoryB() - r.memoryA());
            o.set("diff", d);
            s.append(i == 0 ? "\n    " : ",\n    ").append(compact(o));
        }
        s.append(c.rows().isEmpty() ? "],\n" : "\n  ],\n");
        ObjectNode counts = F.objectNode();
        for (Status st : Status.values()) {
            counts.put(st.label(), c.rows(st).size());
        }
        s.append("  \"counts\": ").append(compact(counts)).append(",\n");
        Totals ta = c.totalsA();
        Totals tb = c.totalsB();
        ObjectNode totals = F.objectNode();
        totals.set("a", totals(ta.params(), ta.macs(), ta.otherOps(), ta.activationBytes()));
        totals.set("b", totals(tb.params(), tb.macs(), tb.otherOps(), tb.activationBytes()));
        totals.set("diff", totals(tb.params() - ta.params(), tb.macs() - ta.macs(), tb.otherOps() - ta.otherOps(),
                tb.activationBytes() - ta.activationBytes()));
        ObjectNode ratio = F.objectNode();
        ratio(ratio, "params", ta.params(), tb.params());
        ratio(ratio, "macs", ta.macs(), tb.macs());
        ratio(ratio, "otherOps", ta.otherOps(), tb.otherOps());
        ratio(ratio, "activationBytes", ta.activationBytes(), tb.activationBytes());
        totals.set("ratio", ratio);
        s.append("  \"totals\": ").append(compact(totals)).append("\n}\n");
        return s.toString();
    }

    private static JsonNode side(Row r) {
        if (r == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("id", r.id());
        o.put("kind", r.spec().kind());
        o.put("keyParams", r.spec().keyParams());
        if (r.output() == null) {
            o.putNull("output");
        } else {
            ArrayNode dims = F.arrayNode();
            for (long d : r.output().dims()) {
                dims.add(d);
            }
            o.set("output", dims);
        }
        o.put("params", r.cost().params());
        o.put("macs", r.cost().macs());
        o.put("memoryBytes", r.memoryBytes());
        return o;
    }

    private static ObjectNode totals(long params, long macs, long ops, long bytes) {
        ObjectNode o = F.objectNode();
        o.put("params", params);
        o.put("macs", macs);
        o.put("otherOps", ops);
        o.put("activationBytes", bytes);
        return o;
    }

    private static void ratio(ObjectNode o, String name, long a, long b) {
        double r = Comparison.ratio(a, b);
        if (Double.isNaN(r)) {
            o.putNull(name);
        } else {
            o.put(name, Math.round(r * 10_000) / 10_000.0);
        }
    }

    private static String compact(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
