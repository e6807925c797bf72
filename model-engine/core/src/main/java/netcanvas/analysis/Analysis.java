package netcanvas.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netcanvas.graph.Network;
import netcanvas.graph.Shape;

/**
 * The result of analysing a network: every expanded layer in topological order, the summary tree, diagnostics and
 * totals. Immutable; computed by {@link Analyzer#analyze}.
 */
public final class Analysis {
    private final Network network;
    private final List<LayerResult> layers;
    private final Map<String, LayerResult> byId;
    private final Map<String, String> outputOf;
    private final List<Row> rows;
    private final List<Diagnostic> diagnostics;
    private final Totals totals;

    Analysis(Network network, List<LayerResult> layers, Map<String, LayerResult> byId, Map<String, String> outputOf,
            List<Row> rows, List<Diagnostic> diagnostics, Totals totals) {
        this.network = network;
        this.layers = List.copyOf(layers);
        this.byId = Map.copyOf(byId);
        // A block that could not be expanded maps to null (no producer), which Map.copyOf would reject.
        this.outputOf = Collections.unmodifiableMap(new HashMap<>(outputOf));
        this.rows = List.copyOf(rows);
        this.diagnostics = List.copyOf(diagnostics);
        this.totals = totals;
    }

    public Network network() {
        return network;
    }

    /** Every primitive layer of the expanded network, in topological order. */
    public List<LayerResult> layers() {
        return layers;
    }

    /** The primitive layer with this expanded id, or null. */
    public LayerResult layer(String id) {
        return byId.get(id);
    }

    /** The expanded layer that produces the output of this id (a block's id gives its last layer), or null. */
    public LayerResult producer(String id) {
        String p = outputOf.get(id);
        return p == null ? null : byId.get(p);
    }

    /**
     * How many layers read each layer's output, by the producing layer's id (absent: none). In training a value read
     * k times receives k gradients, summed: the memory and time estimates both count those sums.
     */
    public java.util.Map<String, Integer> readerCounts() {
        java.util.Map<String, Integer> readers = new java.util.HashMap<>();
        for (LayerResult l : layers()) {
            for (String in : l.inputs()) {
                LayerResult p = producer(in);
                if (p != null) {
                    readers.merge(p.id(), 1, Integer::sum);
                }
            }
        }
        return readers;
    }

    /** The output shape of any node or inner layer id, or null when unknown. */
    public Shape shapeOf(String id) {
        LayerResult r = producer(id);
        return r == null ? null : r.output();
    }

    /** The summary tree: the designed network's nodes in topological order, blocks with their inner rows. */
    public List<Row> rows() {
        return rows;
    }

    /** The row of a node of the designed network (or of an inner block), or null. */
    public Row row(String id) {
        return find(rows, id);
    }

    private static Row find(List<Row> rows, String id) {
        for (Row r : rows) {
            if (r.id().equals(id)) {
                return r;
            }
            if (r.composite() && id.startsWith(r.id() + ".")) {
                Row inner = find(r.children(), id);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Diagnostics pinned to a node of the designed network. */
    public List<Diagnostic> diagnosticsFor(String owner) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (d.owner().equals(owner)) {
                out.add(d);
            }
        }
        return out;
    }

    public boolean hasErrors() {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public Totals totals() {
        return totals;
    }

    /** Training memory per layer and per stage at this batch size with this optimizer (see {@link MemoryEstimate}). */
    public MemoryEstimate memoryPerLayer(int batch, Optimizer optimizer) {
        return MemoryEstimate.of(this, batch, optimizer.statesPerWeight());
    }

    /** Training-step time per layer at this batch size and optimizer on a machine of this speed. */
    public TimeEstimate timePerLayer(int batch, Optimizer optimizer, MachineSpeed speed) {
        return TimeEstimate.of(this, batch, optimizer.statesPerWeight(), speed);
    }
}
