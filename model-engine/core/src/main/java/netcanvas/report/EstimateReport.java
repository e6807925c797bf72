package netcanvas.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import netcanvas.analysis.LayerMemory;
import netcanvas.analysis.LayerTime;
import netcanvas.analysis.MemoryEstimate;
import netcanvas.analysis.TimeEstimate;
import netcanvas.io.SafeText;

/**
 * Training memory ({@link MemoryEstimate}) and training time ({@link TimeEstimate}) per layer, per stage and in
 * total, as a table, JSON, CSV or Markdown. Every format names its units: the table and Markdown in their header
 * line, CSV and JSON in their field names (bytes, seconds).
 */
public final class EstimateReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** How many of the slowest layers the time report marks. */
    public static final int SLOWEST = 5;

    static {
        MAPPER.getFactory().setCharacterEscapes(new SummaryJson.TerminalSafeEscapes());
    }

    private EstimateReport() {
    }

    private static final String[] MEMORY_COLUMNS = {"Weights", "Gradients", "Optimizer", "Activations",
        "Act. grads", "Kernels", "Workspace", "Total"};
    private static final String[] MEMORY_KEYS = {"weights", "gradients", "optimizerState", "savedActivations",
        "activationGradients", "kernelState", "workspace", "total"};

    /** The memory estimate of a network in a format; {@code optimizer} names the optimizer it was made for. */
    public static String memory(String network, MemoryEstimate m, String optimizer, ReportFormat format) {
        String title = String.format(Locale.ROOT, "Training memory of %s: batch %d, %s (%d state values per weight),"
                + " float32", SafeText.of(network), m.batch(), optimizer, m.statesPerWeight());
        if (format == ReportFormat.JSON) {
            ObjectNode o = F.objectNode();
            o.put("network", network);
            o.put("batch", m.batch());
            o.put("optimizer", optimizer);
            o.put("statesPerWeight", m.statesPerWeight());
            o.put("units", "bytes");
            ArrayNode layers = o.putArray("layers");
            m.layers().forEach(l -> layers.add(memoryNode(l)));
            ArrayNode stages = o.putArray("stages");
            m.stages().values().forEach(l -> stages.add(memoryNode(l)));
            o.set("totals", memoryNode(m.total()));
            o.put("peakBytes", m.peak());
            o.put("complete", m.complete());
            return json(o);
        }
        List<String[]> rows = new ArrayList<>();
        for (LayerMemory l : m.layers()) {
            rows.add(memoryRow("layer", l));
        }
        for (LayerMemory l : m.stages().values()) {
            rows.add(memoryRow("stage", l));
        }
        rows.add(memoryRow("total", m.total()));
        String peak = "Peak: " + Units.bytesTotal(m.peak()) + " (everything held, " + Units.bytesTotal(m.total().held())
                + ", plus the largest workspace, " + Units.bytesTotal(m.total().workspace()) + ")";
        String notes = "Activations: forward values kept for the backward pass; Act. grads: the backward pass's"
                + " arrays (the inputs' gradients, masks, sums);\n"
                + "Kernels: native state of the convolutions' kernels; Workspace: scratch while a layer runs (only the"
                + " largest counts at the peak);\n(sum): a designed node's layers (a stage, a block or one layer)."
                + (m.complete() ? "" : "\nErrors left layers without a shape: these are lower bounds.");
        return render(format, title + "; sizes in MB (10^6 bytes)", MEMORY_COLUMNS, MEMORY_KEYS, "bytes", rows,
                List.of(peak, notes), Set.of());
    }

    private static String[] memoryRow(String level, LayerMemory l) {
        return new String[] {level, l.id(), Long.toString(l.weights()), Long.toString(l.gradients()),
            Long.toString(l.optimizerState()), Long.toString(l.savedActivations()),
            Long.toString(l.activationGradients()), Long.toString(l.kernelState()), Long.toString(l.workspace()),
            Long.toString(l.total())};
    }

    private static ObjectNode memoryNode(LayerMemory l) {
        ObjectNode o = F.objectNode();
        o.put("id", l.id());
        long[] v = {l.weights(), l.gradients(), l.optimizerState(), l.savedActivations(), l.activationGradients(),
            l.kernelState(), l.workspace(), l.total()};
        for (int i = 0; i < v.length; i++) {
            o.put(MEMORY_KEYS[i], v[i]);
        }
        return o;
    }

    private static final String[] TIME_COLUMNS = {"GFLOP", "MB moved", "Calls", "Bound", "ms", "Share"};
    private static final String[] TIME_KEYS = {"flops", "bytes", "calls", "bound", "seconds", "share"};

    /** The time estimate in a format; {@code datasetSize} (0 for none) adds the epoch's time. */
    public static String time(String network, TimeEstimate t, String optimizer, long datasetSize,
            ReportFormat format) {
        double step = t.stepSeconds();
        String epoch = datasetSize > 0 ? String.format(Locale.ROOT, "Epoch of %s images: %s (%s steps)",
                Units.count(datasetSize), duration(t.epochSeconds(datasetSize)),
                Units.count((datasetSize + t.batch() - 1) / t.batch())) : "Epoch: give --dataset-size";
        if (format == ReportFormat.JSON) {
            ObjectNode o = F.objectNode();
            o.put("network", network);
            o.put("batch", t.batch());
            o.put("optimizer", optimizer);
            o.put("gflopsPerSecond", t.speed().gflops());
            o.put("gigabytesPerSecond", t.speed().gigabytesPerSecond());
            o.put("microsecondsPerCall", t.speed().microsecondsPerCall());
            ArrayNode layers = o.putArray("layers");
            t.layers().forEach(l -> layers.add(timeNode(l, step)));
            ArrayNode stages = o.putArray("stages");
            t.stages().values().forEach(l -> stages.add(timeNode(l, step)));
            o.set("update", timeNode(t.update(), step));
            o.put("stepSeconds", step);
            ArrayNode slow = o.putArray("slowest");
            t.slowest(SLOWEST).forEach(slow::add);
            if (datasetSize > 0) {
                o.put("datasetSize", datasetSize);
                o.put("epochSeconds", t.epochSeconds(datasetSize));
            }
            return json(o);
        }
        List<String[]> rows = new ArrayList<>();
        for (LayerTime l : t.layers()) {
            rows.add(timeRow("layer", l, step));
        }
        for (LayerTime l : t.stages().values()) {
            rows.add(timeRow("stage", l, step));
        }
        rows.add(timeRow("update", t.update(), step));
        rows.add(new String[] {"total", "step", "", "", Long.toString(t.calls()), "", Double.toString(step), "1"});
        String title = String.format(Locale.ROOT, "Training time of %s: batch %d, %s, forward + backward + update,"
                + " roofline at %s", SafeText.of(network), t.batch(), optimizer, t.speed());
        return render(format, title, TIME_COLUMNS, TIME_KEYS, "", rows,
                List.of("Step: " + duration(step) + ". " + epoch + ".",
                        "* marks the " + SLOWEST + " slowest layers. Calls: native calls, each adding its fixed time."
                                + " Bound: what else sets a layer's time, its arithmetic (compute) or its memory"
                                + " traffic (memory)."),
                new HashSet<>(t.slowest(SLOWEST)));
    }

    private static String[] timeRow(String level, LayerTime l, double step) {
        return new String[] {level, l.id(), Double.toString(l.flops()), Double.toString(l.bytes()),
            Long.toString(l.calls()), l.memoryBound() ? "memory" : "compute", Double.toString(l.seconds()),
            Double.toString(step > 0 ? l.seconds() / step : 0)};
    }

    private static ObjectNode timeNode(LayerTime l, double step) {
        ObjectNode o = F.objectNode();
        o.put("id", l.id());
        o.put("flops", l.flops());
        o.put("bytes", l.bytes());
        o.put("calls", l.calls());
        o.put("bound", l.memoryBound() ? "memory" : "compute");
        o.put("seconds", l.seconds());
        o.put("share", step > 0 ? l.seconds() / step : 0);
        return o;
    }

    /** Below a second in milliseconds ("850.0 ms", a step's time), else as {@link Units#duration} ("4m05s"). */
    public static String duration(double seconds) {
        return seconds < 1 ? String.format(Locale.ROOT, "%.1f ms", seconds * 1e3) : Units.duration(seconds);
    }

    /**
     * Rows of {level, id, raw values...} written in a format: CSV keeps the raw values under keys with their unit
     * ({@code weights_bytes}), the table and Markdown scale them for reading (bytes to MB, FLOPs to GFLOP, seconds to
     * ms, shares to percent).
     */
    private static String render(ReportFormat format, String title, String[] columns, String[] keys, String unit,
            List<String[]> rows, List<String> footer, Set<String> marked) {
        StringBuilder s = new StringBuilder();
        if (format == ReportFormat.CSV) {
            s.append("level,id");
            for (String k : keys) {
                s.append(',').append(k).append(unit.isEmpty() ? "" : "_" + unit);
            }
            s.append('\n');
            for (String[] r : rows) {
                s.append(r[0]).append(',').append(SafeText.csvCell(r[1]));
                for (int i = 2; i < r.length; i++) {
                    s.append(',').append(r[i]);
                }
                s.append('\n');
            }
            return s.toString();
        }
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[columns.length + 1];
        header[0] = "Layer";
        System.arraycopy(columns, 0, header, 1, columns.length);
        cells.add(header);
        String level = "layer";
        for (String[] r : rows) {
            if (!r[0].equals(level) && format == ReportFormat.TABLE) {
                cells.add(null); // a rule between layers, stages and the total
            }
            level = r[0];
            String[] c = new String[columns.length + 1];
            String id = r[0].equals("stage") ? r[1] + " (sum)" : r[1];
            c[0] = (marked.contains(r[1]) && r[0].equals("layer") ? "* " : "") + id;
            for (int i = 2; i < r.length; i++) {
                c[i - 1] = readable(keys[i - 2], r[i]);
            }
            cells.add(c);
        }
        if (format == ReportFormat.MARKDOWN) {
            s.append("**").append(title).append("**\n\n");
            for (int i = 0; i < cells.size(); i++) {
                s.append('|');
                for (String c : cells.get(i)) {
                    s.append(' ').append(i == 0 ? c : markdownCell(c)).append(" |");
                }
                s.append('\n');
                if (i == 0) {
                    s.append('|').append("---|".repeat(1)).append("---:|".repeat(columns.length)).append('\n');
                }
            }
            s.append('\n');
            footer.forEach(f -> s.append(f).append("\n\n"));
            return s.toString().stripTrailing() + "\n";
        }
        int[] width = new int[header.length];
        for (String[] c : cells) {
            if (c != null) {
                for (int i = 0; i < c.length; i++) {
                    width[i] = Math.max(width[i], SafeText.of(c[i]).length());
                }
            }
        }
        int total = (header.length - 1) * 2;
        for (int w : width) {
            total += w;
        }
        s.append(title).append('\n').append("=".repeat(total)).append('\n');
        for (String[] c : cells) {
            if (c == null) {
                s.append("-".repeat(total)).append('\n');
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < c.length; i++) {
                String v = SafeText.of(c[i]);
                if (i > 0) {
                    line.append("  ");
                }
                line.append(i == 0 ? v + " ".repeat(width[i] - v.length()) : " ".repeat(width[i] - v.length()) + v);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        s.append("=".repeat(total)).append('\n');
        footer.forEach(f -> s.append(f).append('\n'));
        return s.toString();
    }

    private static String readable(String key, String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        return switch (key) {
            case "flops" -> String.format(Locale.ROOT, "%.3f", Double.parseDouble(raw) / 1e9);
            case "bytes" -> String.format(Locale.ROOT, "%.2f", Double.parseDouble(raw) / 1e6);
            case "bound", "calls" -> raw;
            case "seconds" -> String.format(Locale.ROOT, "%.3f", Double.parseDouble(raw) * 1e3);
            case "share" -> String.format(Locale.ROOT, "%.1f%%", Double.parseDouble(raw) * 100);
            default -> Units.decimal(Long.parseLong(raw), 1_000_000, 2);
        };
    }

    private static String markdownCell(String v) {
        return SafeText.of(v.replace("\\", "\\\\").replace("|", "\\|"));
    }

    private static String json(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
