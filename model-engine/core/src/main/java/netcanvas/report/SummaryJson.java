package netcanvas.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Totals;
import netcanvas.graph.Shape;

/**
 * The summary as JSON for other tools. Its shape is a published contract, so it is written field by field:
 * <pre>
 * {"network": str, "input": [C,H,W], "layers": [{"id", "kind", "output", "params", "macs", "memoryBytes",
 *  "receptiveField"}], "totals": {"params", "trainableParams", "macs", "activationBytes", "capped"},
 *  "diagnostics": [{"node", "severity", "message"}]}
 * </pre>
 * With a cost convention other than MACs ({@link CostConvention}), each layer and the totals also carry its count
 * under the convention's key ("flops" or "lectureOps") and "costConvention" names it.
 * A total over 2^63 - 1 (the analysis' saturating sums stop there) is null, and "capped" is true when any is.
 * Layers are the expanded primitives in topological order; an unknown shape is null. Each layer and diagnostic sits
 * on its own line so the output stays readable and diffs well.
 */
final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Jackson escapes C0 itself; DEL, C1 and the bidi controls would reach a terminal raw: escape them too
        MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
    }

    /** Jackson's standard escapes plus unicode escapes for DEL, C1 and the bidi controls (see SafeText). */
    static final class TerminalSafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table = standardAsciiEscapesForJSON();

        {
            table[0x7f] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            if (ch < 0x80 ? ch == 0x7f : netcanvas.io.SafeText.needsEscape((char) ch)) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SummaryJson() {
    }

    static String render(SummaryReport report) {
        List<JsonNode> layers = new ArrayList<>();
        CostConvention cost = report.cost();
        for (LayerResult r : report.analysis().layers()) {
            ObjectNode o = layer(r);
            if (cost != CostConvention.MACS) {
                o.put(cost.key(), cost.of(r));
            }
            layers.add(o);
        }
        List<JsonNode> diagnostics = new ArrayList<>();
        for (Diagnostic d : report.analysis().diagnostics()) {
            ObjectNode o = F.objectNode();
            o.put("node", d.node());
            o.put("severity", d.severity().label());
            o.put("message", d.message());
            diagnostics.add(o);
        }
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"network\": ").append(compact(F.textNode(report.networkName()))).append(",\n");
        s.append("  \"input\": ").append(compact(dims(report.input()))).append(",\n");
        s.append("  \"layers\": ");
        array(s, layers);
        ObjectNode totals = totals(report.analysis().totals());
        if (cost != CostConvention.MACS) {
            total(totals, cost.key(), cost.total(report.analysis()));
            s.append(",\n  \"costConvention\": ").append(compact(F.textNode(cost.label())));
        }
        s.append(",\n  \"totals\": ").append(compact(totals)).append(",\n");
        s.append("  \"diagnostics\": ");
        array(s, diagnostics);
        return s.append("\n}\n").toString();
    }

    private static ObjectNode layer(LayerResult r) {
        ObjectNode o = F.objectNode();
        o.put("id", r.id());
        o.put("kind", r.spec().kind());
        o.set("output", dims(r.output()));
        o.put("params", r.cost().params());
        o.put("macs", r.cost().macs());
        o.put("memoryBytes", r.memoryBytes());
        o.put("receptiveField", r.receptiveField());
        return o;
    }

    /** A total that hit the analysis' cap is null (its true value is over 2^63 - 1), and "capped" is then true. */
    private static ObjectNode totals(Totals t) {
        ObjectNode o = F.objectNode();
        total(o, "params", t.params());
        total(o, "trainableParams", t.trainableParams());
        total(o, "macs", t.macs());
        total(o, "activationBytes", t.activationBytes());
        o.put("capped", Totals.isCapped(t.params()) || Totals.isCapped(t.trainableParams())
                || Totals.isCapped(t.macs()) || Totals.isCapped(t.activationBytes()));
        return o;
    }

    private static void total(ObjectNode o, String name, long value) {
        if (Totals.isCapped(value)) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    /** [C, H, W] or [N]; null for an unknown shape. */
    private static JsonNode dims(Shape shape) {
        if (shape == null) {
            return F.nullNode();
        }
        ArrayNode a = F.arrayNode();
        for (long d : shape.dims()) {
            a.add(d);
        }
        return a;
    }

    private static void array(StringBuilder s, List<JsonNode> items) {
        if (items.isEmpty()) {
            s.append("[]");
            return;
        }
        s.append('[');
        for (int i = 0; i < items.size(); i++) {
            s.append(i == 0 ? "\n    " : ",\n    ").append(compact(items.get(i)));
        }
        s.append("\n  ]");
    }

    private static String compact(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
