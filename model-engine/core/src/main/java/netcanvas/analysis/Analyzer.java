package netcanvas.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.graph.BlockBuilder;
import netcanvas.graph.CompositeSpec;
import netcanvas.graph.Cost;
import netcanvas.graph.Input;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.Shape;
import netcanvas.graph.ShapeException;
import netcanvas.graph.Window;

/**
 * Expands blocks and computes shapes, costs, receptive fields and diagnostics in one topological pass. A pure
 * function of the network: it never throws on a bad graph; layers downstream of an error are left unknown and
 * everything else still gets numbers.
 */
public final class Analyzer {

    /** A layer whose parameters or per-sample activations exceed this is certainly a typo. */
    static final long ABSURD = 1L << 34;

    /**
     * Blocks stop expanding once the network has this many layers: a stage of stages (each up to 10,000 repeats)
     * could otherwise ask for more layers than memory holds. ResNet-152 has about 500.
     */
    public static final int MAX_LAYERS = 200_000;

    private Analyzer() {
    }

    public static Analysis analyze(Network network) {
        return new Run(network).analyze();
    }

    /** The state of one analysis. */
    private static final class Run {
        private final Network network;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<LayerResult> layers = new ArrayList<>();
        private final Map<String, LayerResult> byId = new HashMap<>();
        /** Any id (node, block, inner layer) to the expanded layer that produces its output. */
        private final Map<String, String> outputOf = new HashMap<>();
        /** Set once blocks have expanded to {@link #MAX_LAYERS}; later blocks are left unexpanded. */
        private boolean tooManyLayers;

        Run(Network network) {
            this.network = network;
        }

        Analysis analyze() {
            Map<String, Node> nodes = uniqueNodes();
            checkInputs(nodes);
            List<Node> order = topologicalOrder(nodes);
            List<Row> rows = new ArrayList<>();
            for (Node n : order) {
                List<String> in = new ArrayList<>();
                for (String i : n.inputs()) {
                    in.add(outputOf.get(i));
                }
                boolean arityOk = arityOk(n);
                rows.add(process(n.id(), n.id(), null, n.spec(), in, !arityOk));
            }
            checkDeadEnds(nodes);
            Totals totals = totals();
            return new Analysis(network, layers, byId, outputOf, rows, diagnostics, totals);
        }

        /** Drops nodes whose id repeats an earlier one, with an error each. */
        private Map<String, Node> uniqueNodes() {
            Map<String, Node> m = new LinkedHashMap<>();
            int inputs = 0;
            for (Node n : network.nodes()) {
                if (n.id().isBlank()) {
                    diagnostics.add(Diagnostic.error("", "", "a " + n.spec().kind()
                            + " node has an empty id: give every node a name"));
                    continue;
                }
                if (m.containsKey(n.id())) {
                    diagnostics.add(Diagnostic.error(n.id(), n.id(), "the id '" + n.id()
                            + "' is used by more than one node: rename one of them"));
                    continue;
                }
                m.put(n.id(), n);
                if (n.spec() instanceof Input) {
                    inputs++;
                    if (inputs > 1) {
                        diagnostics.add(Diagnostic.error(n.id(), n.id(),
                                "the network has more than one Input: delete this one or connect it elsewhere"));
                    }
                }
            }
            if (inputs == 0) {
                diagnostics.add(Diagnostic.error("", "", "the network has no Input layer: add one from the palette"));
            }
            return m;
        }

        private void checkInputs(Map<String, Node> nodes) {
            for (Node n : nodes.values()) {
                int min = n.spec().minInputs();
                int max = n.spec().maxInputs();
                for (String i : n.inputs()) {
                    if (!nodes.containsKey(i)) {
                        diagnostics.add(Diagnostic.error(n.id(), n.id(), "input '" + i
                                + "' does not exist: connect an existing layer or remove the connection"));
                    }
                }
                int count = n.inputs().size();
                if (count == 0 && min > 0) {
                    diagnostics.add(Diagnostic.error(n.id(), n.id(),
                            "is unreachable: no input is connected; connect an earlier layer's output to it"));
                } else if (count < min) {
                    diagnostics.add(Diagnostic.error(n.id(), n.id(), "needs at least " + min + " inputs but has "
                            + count + ": connect another layer"));
                } else if (count > max) {
                    diagnostics.add(Diagnostic.error(n.id(), n.id(), max == 0 ? "an Input takes no inputs: "
                            + "remove its incoming connections" : "takes " + (max == 1 ? "one input" : "at most "
                            + max + " inputs") + " but has " + count + ": remove the extra connections"
                            + (max == 1 ? " or join them first with Add or Concat" : "")));
                }
            }
        }

        private boolean arityOk(Node n) {
            int count = n.inputs().size();
            return count >= n.spec().minInputs() && count <= n.spec().maxInputs();
        }

        /**
         * Kahn's algorithm over existing edges. Nodes on a cycle get an error naming the cycle; they and everything
         * downstream of them come last, unknown.
         */
        private List<Node> topologicalOrder(Map<String, Node> nodes) {
            Map<String, Integer> pending = new HashMap<>();
            Map<String, List<String>> consumers = new HashMap<>();
            for (Node n : nodes.values()) {
                int count = 0;
                for (String i : n.inputs()) {
                    if (nodes.containsKey(i)) {
                        count++;
                        consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n.id());
                    }
                }
                pending.put(n.id(), count);
            }
            Deque<String> ready = new ArrayDeque<>();
            for (Node n : nodes.values()) {
                if (pending.get(n.id()) == 0) {
                    ready.add(n.id());
                }
            }
            List<Node> order = new ArrayList<>(nodes.size());
            while (!ready.isEmpty()) {
                String id = ready.poll();
                order.add(nodes.get(id));
                for (String c : consumers.getOrDefault(id, List.of())) {
                    if (pending.merge(c, -1, Integer::sum) == 0) {
                        ready.add(c);
                    }
                }
            }
            if (order.size() < nodes.size()) {
                Set<String> placed = new HashSet<>();
                order.forEach(n -> placed.add(n.id()));
                List<Node> unplaced = new ArrayList<>();
                for (Node n : nodes.values()) {
                    if (!placed.contains(n.id())) {
                        unplaced.add(n);
                    }
                }
                Cycles.describe(unplaced).forEach((id, cycle) -> diagnostics.add(Diagnostic.error(id, id,
                        "is part of a cycle (" + cycle + "): remove one of these connections")));
                order.addAll(unplaced);
            }
            return order;
        }

        /**
         * Analyses a node or inner layer whose inputs are already resolved to expanded ids (null where missing) and
         * returns its summary row.
         */
        private Row process(String id, String owner, String parent, LayerSpec spec, List<String> inputs,
                boolean broken) {
            if (spec instanceof CompositeSpec c) {
                return expand(id, owner, parent, c, inputs, broken);
            }
            PrimitiveSpec p = (PrimitiveSpec) spec;
            List<Shape> shapes = new ArrayList<>(inputs.size());
            long rf = 1;
            long jump = 1;
            boolean known = !broken;
            if (byId.containsKey(id)) {
                // a node named like a layer inside a block ("b.conv1" beside block "b")
                diagnostics.add(Diagnostic.error(id, owner, "the id '" + id + "' is also the id of another layer "
                        + "once blocks are expanded: rename the node so it does not start with a block's id and "
                        + "a dot"));
                known = false;
            } else if (!broken && (inputs.size() < p.minInputs() || inputs.size() > p.maxInputs())) {
                // top-level arity is reported by checkInputs; this catches a block feeding an inner layer wrongly
                diagnostics.add(Diagnostic.error(id, owner, p.kind() + " needs " + (p.minInputs() == p.maxInputs()
                        ? Integer.toString(p.minInputs()) : "at least " + p.minInputs()) + " inputs here but gets "
                        + inputs.size() + ": it cannot be used in this block"));
                known = false;
            }
            for (String i : inputs) {
                LayerResult r = i == null ? null : byId.get(i);
                if (r == null || !r.known()) {
                    known = false;
                } else {
                    shapes.add(r.output());
                    rf = Math.max(rf, r.receptiveField());
                    jump = Math.max(jump, r.jump());
                }
            }
            Shape out = null;
            Cost cost = Cost.FREE;
            long memory = 0;
            if (known) {
                try {
                    out = p.outputShape(shapes);
                    cost = p.cost(shapes, out);
                    memory = Math.multiplyExact(out.elements(), 4);
                    Window w = p.window(shapes);
                    rf = Sat.add(rf, Sat.mul(w.extent() - 1, jump));
                    jump = Sat.mul(jump, w.stride());
                    warnIfAbsurd(id, owner, cost, out);
                } catch (ShapeException e) {
                    diagnostics.add(Diagnostic.error(id, owner, e.getMessage()));
                    out = null;
                } catch (ArithmeticException e) {
                    diagnostics.add(Diagnostic.error(id, owner, "its sizes are too large to count (over 2^63): "
                            + "reduce channels, kernel or input size"));
                    out = null;
                }
                if (out == null) {
                    cost = Cost.FREE;
                    memory = 0;
                }
            }
            LayerResult result = new LayerResult(id, owner, parent, p, inputs, out, cost, memory, rf, jump);
            layers.add(result);
            byId.putIfAbsent(id, result);
            outputOf.put(id, id);
            return new Row(id, p, out, cost, memory, rf, List.of());
        }

        private void warnIfAbsurd(String id, String owner, Cost cost, Shape out) {
            if (cost.params() > ABSURD || out.elements() > ABSURD) {
                diagnostics.add(Diagnostic.warning(id, owner, "is implausibly large (" + cost.params()
                        + " parameters, " + out + " output): check the channel count and sizes"));
            }
        }

        private Row expand(String id, String owner, String parent, CompositeSpec c, List<String> inputs,
                boolean broken) {
            List<Shape> shapes = new ArrayList<>();
            for (String i : inputs) {
                LayerResult r = i == null ? null : byId.get(i);
                shapes.add(r == null || broken ? null : r.output());
            }
            if (tooManyLayers || broken || inputs.contains(null)) {
                // Nothing to expand from. A missing input, a wrong number of inputs, a cycle through this block (its
                // producer comes later) or an upstream block that could not expand is reported where it arises, as
                // for a primitive layer; the block is unknown, and so is everything downstream of it.
                outputOf.put(id, null);
                return new Row(id, c, null, Cost.FREE, 0, 0, List.of());
            }
            BlockBuilder b = new BlockBuilder(id, inputs, shapes);
            try {
                c.expand(b);
            } catch (RuntimeException e) {
                diagnostics.add(Diagnostic.error(id, owner, "cannot be expanded: " + e.getMessage()));
                b = null;
            }
            if (b == null || b.outputId() == null) {
                // Nothing to analyse inside; stand in an unknown placeholder so consumers are marked unknown.
                outputOf.put(id, null);
                return new Row(id, c, null, Cost.FREE, 0, 0, List.of());
            }
            Set<String> local = new HashSet<>();
            List<Row> children = new ArrayList<>();
            for (Node child : b.children()) {
                if (layers.size() >= MAX_LAYERS) {
                    if (!tooManyLayers) {
                        tooManyLayers = true;
                        diagnostics.add(Diagnostic.error(id, owner, "the network expands to more than "
                                + String.format(java.util.Locale.ROOT, "%,d", MAX_LAYERS) + " layers here: reduce "
                                + "the repeat counts of nested stages"));
                    }
                    outputOf.put(id, null);
                    return new Row(id, c, null, Cost.FREE, 0, 0, children);
                }
                List<String> in = new ArrayList<>();
                for (String i : child.inputs()) {
                    in.add(local.contains(i) ? outputOf.get(i) : i);
                }
                children.add(process(child.id(), owner, id, child.spec(), in, broken));
                local.add(child.id());
            }
            String last = local.contains(b.outputId()) ? outputOf.get(b.outputId()) : b.outputId();
            outputOf.put(id, last);
            Cost sum = Cost.FREE;
            long memory = 0;
            try {
                for (Row r : children) {
                    sum = sum.plus(r.cost());
                    memory = Math.addExact(memory, r.memoryBytes());
                }
            } catch (ArithmeticException e) {
                diagnostics.add(Diagnostic.error(id, owner, "its totals are too large to count (over 2^63)"));
            }
            LayerResult lastLayer = last == null ? null : byId.get(last);
            Shape out = lastLayer == null ? null : lastLayer.output();
            long rf = lastLayer == null ? 0 : lastLayer.receptiveField();
            return new Row(id, c, out, sum, memory, rf, children);
        }

        /** Warns about layers whose output nobody uses, when the network has an Output to lead to. */
        private void checkDeadEnds(Map<String, Node> nodes) {
            Set<String> used = new HashSet<>();
            boolean hasOutput = false;
            for (Node n : nodes.values()) {
                used.addAll(n.inputs());
                hasOutput |= n.spec() instanceof Output;
            }
            if (!hasOutput) {
                if (!nodes.isEmpty()) {
                    diagnostics.add(Diagnostic.warning("", "", "the network has no Output layer: add one after the "
                            + "last layer to train it"));
                }
                return;
            }
            for (Node n : nodes.values()) {
                if (!used.contains(n.id()) && !(n.spec() instanceof Output)) {
                    diagnostics.add(Diagnostic.warning(n.id(), n.id(), "its output is not used: connect it to a "
                            + "later layer or delete it"));
                }
            }
        }

        private Totals totals() {
            long params = 0;
            long state = 0;
            long macs = 0;
            long ops = 0;
            long memory = 0;
            boolean complete = true;
            for (LayerResult r : layers) {
                if (!r.known()) {
                    complete = false;
                    continue;
                }
                params = Sat.add(params, r.cost().params());
                state = Sat.add(state, r.cost().state());
                macs = Sat.add(macs, r.cost().macs());
                ops = Sat.add(ops, r.cost().otherOps());
                memory = Sat.add(memory, r.memoryBytes());
            }
            long all = Sat.add(params, state);
            if (Totals.isCapped(all) || Totals.isCapped(macs) || Totals.isCapped(ops) || Totals.isCapped(memory)) {
                // a sum stopped at 2^63 - 1 rather than wrap to a negative number; say so rather than pass it as exact
                diagnostics.add(Diagnostic.warning("", "", "the network's totals are too large to count (over 2^63) "
                        + "and are shown as more than the cap: check the channel counts and sizes"));
            }
            for (Diagnostic d : diagnostics) {
                complete &= !d.isError();
            }
            return new Totals(params, params, state, macs, ops, memory, complete);
        }
    }
}
