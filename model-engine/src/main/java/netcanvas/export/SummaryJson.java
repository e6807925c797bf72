package netcanvas.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Totals;
import netcanvas.graph.Input;
import netcanvas.graph.Node;

/**
 * The per-layer analysis as JSON, written beside an exported model (export --with-summary) so a checker can compare
 * it with PyTorch layer by layer: {"network", "input", "layers": [{"id", "kind", "output", "params", "macs",
 * "memoryBytes", "receptiveField"}], "totals": {...}, "diagnostics": [...]}, the layout of `summary --format json`.
 * Interim home until the report package's writer is merged; the two must stay one.
 */
public final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static String write(Analysis a) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("network", a.network().name());
        ArrayNode input = root.putArray("input");
        for (Node n : a.network().nodes()) {
            if (n.spec() instanceof Input in) {
                input.add(in.channels()).add(in.height()).add(in.width());
                break;
            }
        }
        ArrayNode layers = root.putArray("layers");
        for (LayerResult r : a.layers()) {
            ObjectNode l = layers.addObject();
            l.put("id", r.id());
            l.put("kind", r.spec().kind());
            if (r.output() == null) {
                l.putNull("output");
            } else {
                ArrayNode dims = l.putArray("output");
                for (long d : r.output().dims()) {
                    dims.add(d);
                }
            }
            l.put("params", r.cost().params());
            l.put("macs", r.cost().macs());
            l.put("memoryBytes", r.memoryBytes());
            l.put("receptiveField", r.receptiveField());
        }
        Totals t = a.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("params", t.params());
        totals.put("trainableParams", t.trainableParams());
        totals.put("stateValues", t.stateValues());
        totals.put("macs", t.macs());
        totals.put("otherOps", t.otherOps());
        totals.put("activationBytes", t.activationBytes());
        totals.put("complete", t.complete());
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic d : a.diagnostics()) {
            diagnostics.addObject().put("node", d.node()).put("owner", d.owner()).put("severity", d.severity().label())
                    .put("message", d.message());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
