package netcanvas.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.PresetFacts;
import netcanvas.presets.Presets;

/**
 * {@code netcanvas zoo} and the app's zoo chart: every preset with its family, parameters, arithmetic under a cost
 * convention and published top-1 accuracy ({@link PresetFacts}), each from the tool's own analysis.
 */
public final class ZooReport {

    /**
     * One preset's line.
     *
     * @param facts  family and published accuracy
     * @param params trainable parameters (the analysis' total)
     * @param cost   the network's arithmetic under {@code convention}
     */
    public record Entry(PresetFacts facts, long params, long cost) {
        public String name() {
            return facts.name();
        }

        /** The cost in billions (GMACs, GFLOPs or G lecture ops). */
        public double giga() {
            return cost / 1e9;
        }
    }

    private final CostConvention convention;
    private final List<Entry> entries;

    private ZooReport(CostConvention convention, List<Entry> entries) {
        this.convention = convention;
        this.entries = List.copyOf(entries);
    }

    /**
     * Analyses every shipped preset.
     *
     * @throws NetworkFormatException when a preset cannot be read from this build
     */
    public static ZooReport of(CostConvention convention) throws NetworkFormatException {
        List<Entry> entries = new ArrayList<>();
        for (PresetFacts f : PresetFacts.all()) {
            entries.add(entry(f, Analyzer.analyze(Presets.load(f.name())), convention));
        }
        return new ZooReport(convention, entries);
    }

    /** One preset's entry from its analysis. */
    public static Entry entry(PresetFacts facts, Analysis a, CostConvention convention) {
        return new Entry(facts, a.totals().trainableParams(), convention.total(a));
    }

    public CostConvention convention() {
        return convention;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The column of the cost in billions: "GMACs", "GFLOPs" or "GOps (lecture)". */
    public static String gigaColumn(CostConvention c) {
        return "G" + c.column();
    }

    public String render(ReportFormat format) {
        return switch (format) {
            case TABLE -> table();
            case CSV -> csv();
            case MARKDOWN -> markdown();
            case JSON -> json();
        };
    }

    private List<String[]> cells() {
        List<String[]> rows = new ArrayList<>();
        for (Entry e : entries) {
            rows.add(new String[] {e.name(), e.facts().family(), Units.count(e.params()), giga(e.cost()),
                e.facts().top1().map(a -> percent(a.percent())).orElse("-"), e.facts().source()});
        }
        return rows;
    }

    private String[] heading() {
        return new String[] {"Preset", "Family", "Params", gigaColumn(convention), "Top-1 %", "Top-1 source"};
    }

    private String conventionLine() {
        return "Cost convention: " + convention.label() + " (" + convention.description() + ")";
    }

    /** Billions to four significant digits: 4089184256 -> "4.089", 416520 -> "0.0004165". */
    static String giga(long n) {
        return String.format(Locale.ROOT, "%.4g", n / 1e9);
    }

    /** 76.13 -> "76.130" (torchvision documents three decimals). */
    static String percent(double p) {
        return String.format(Locale.ROOT, "%.3f", p);
    }

    private String table() {
        String[] head = heading();
        List<String[]> rows = cells();
        int[] w = new int[head.length];
        for (String[] r : concat(head, rows)) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] r : concat(head, rows)) {
            for (int i = 0; i < r.length; i++) {
                boolean number = i >= 2 && i <= 4;
                String cell = number ? " ".repeat(w[i] - r[i].length()) + r[i]
                        : i == r.length - 1 ? r[i] : r[i] + " ".repeat(w[i] - r[i].length());
                s.append(i == 0 ? "" : "  ").append(cell);
            }
            s.append('\n');
        }
        s.append('\n').append(conventionLine()).append('\n');
        s.append("Top-1: ImageNet-1K validation, one 224 crop, as published in the ").append(PresetFacts.SOURCE)
                .append("; '-' where no weights of this exact architecture are published\n");
        return s.toString();
    }

    private static List<String[]> concat(String[] head, List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        return all;
    }

    private String csv() {
        StringBuilder s = new StringBuilder("preset,family,params," + convention.key() + ",top1_percent,top1_source,"
                + "cost_convention\n");
        for (Entry e : entries) {
            s.append(e.name()).append(',').append(e.facts().family()).append(',').append(e.params()).append(',')
                    .append(e.cost()).append(',')
                    .append(e.facts().top1().map(a -> percent(a.percent())).orElse("")).append(',')
                    .append(quoted(e.facts().source())).append(',').append(convention.label()).append('\n');
        }
        return s.toString();
    }

    private static String quoted(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private String markdown() {
        StringBuilder s = new StringBuilder();
        String[] head = heading();
        s.append("| ").append(String.join(" | ", head)).append(" |\n");
        s.append("|---|---|---:|---:|---:|---|\n");
        for (String[] r : cells()) {
            s.append('|');
            for (String cell : r) {
                s.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            s.append('\n');
        }
        s.append('\n').append(conventionLine()).append('\n');
        return s.toString();
    }

    private String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("costConvention", convention.label());
        root.put("costDescription", convention.description());
        ArrayNode presets = root.putArray("presets");
        for (Entry e : entries) {
            ObjectNode o = presets.addObject();
            o.put("name", e.name());
            o.put("family", e.facts().family());
            o.put("params", e.params());
            o.put(convention.key(), e.cost());
            if (e.facts().top1().isPresent()) {
                o.put("top1", e.facts().top1().get().percent());
            } else {
                o.putNull("top1");
            }
            o.put("top1Source", e.facts().source());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the zoo as JSON", e);
        }
    }
}
