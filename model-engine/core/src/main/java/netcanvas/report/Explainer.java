package netcanvas.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Row;
import netcanvas.graph.Cost;
import netcanvas.graph.Explained;
import netcanvas.graph.Explained.Figure;
import netcanvas.graph.Expr;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Shape;
import netcanvas.graph.Window;

/**
 * {@code summary --explain ID}: how each figure of one layer or block is computed, with its own values substituted.
 * A layer's shape and cost terms come from its kind's {@link netcanvas.graph.PrimitiveSpec#explain} rule; memory,
 * receptive field and jump follow the analysis's own recursion; a block's figures are the sums over its rows.
 */
public final class Explainer {

    /** What one layer or block's explanation says: a heading, notes and the explained figures. */
    public record Explanation(String id, String heading, List<String> notes, List<Explained> figures) {
        public Explained figure(Figure f) {
            for (Explained e : figures) {
                if (e.figure() == f) {
                    return e;
                }
            }
            return null;
        }

        public String render() {
            StringBuilder s = new StringBuilder(heading).append('\n');
            for (String n : notes) {
                s.append("  ").append(n).append('\n');
            }
            for (Explained e : figures) {
                s.append("  ").append(e.line()).append(e.figure() == Figure.MEMORY ? " B" : "").append('\n');
            }
            return s.toString();
        }
    }

    private Explainer() {
    }

    /**
     * The explanation of a layer (expanded id, e.g. "layer1.0.conv1") or a block of the designed network.
     *
     * @throws IllegalArgumentException when no layer or block has this id, or its shape is unknown
     */
    public static Explanation explain(Analysis a, String id) {
        Row row = a.row(id);
        if (row != null && row.composite()) {
            return block(a, row);
        }
        LayerResult r = a.layer(id);
        if (r == null) {
            throw new IllegalArgumentException("no layer or block has the id '" + id + "'");
        }
        if (!r.known()) {
            throw new IllegalArgumentException("'" + id + "' has no known shape: fix the errors first");
        }
        return layer(a, r);
    }

    private static Explanation layer(Analysis a, LayerResult r) {
        List<Shape> inputs = new ArrayList<>();
        List<LayerResult> sources = new ArrayList<>();
        for (String i : r.inputs()) {
            LayerResult in = a.layer(i);
            sources.add(in);
            inputs.add(in.output());
        }
        List<String> notes = new ArrayList<>();
        String title = LayerKinds.of(r.spec()).title();
        String key = r.spec().keyParams();
        String heading = r.id() + ": " + title + (key.isEmpty() ? "" : " " + key) + " -> " + r.output();
        for (LayerResult s : sources) {
            notes.add("input " + s.output() + " from " + s.id());
        }
        List<Explained> figures = new ArrayList<>(r.spec().explain(inputs, r.output()));
        Shape out = r.output();
        Expr elements = out.spatial() ? Expr.mul(Expr.n(out.channels()), Expr.n(out.height()), Expr.n(out.width()))
                : Expr.n(out.channels());
        figures.add(Explained.of(Figure.MEMORY, (out.spatial() ? "C' x H' x W'" : "N'") + " x 4 bytes",
                Expr.mul(elements, Expr.n(4))));
        Expr rfIn = Expr.n(1);
        Expr jumpIn = Expr.n(1);
        boolean first = true;
        for (LayerResult s : sources) {
            rfIn = first ? Expr.max(Expr.n(1), Expr.n(s.receptiveField())) : Expr.max(rfIn, Expr.n(s.receptiveField()));
            jumpIn = first ? Expr.max(Expr.n(1), Expr.n(s.jump())) : Expr.max(jumpIn, Expr.n(s.jump()));
            first = false;
        }
        if (sources.size() == 1) {
            rfIn = Expr.n(sources.get(0).receptiveField());
            jumpIn = Expr.n(sources.get(0).jump());
        }
        Window w = r.spec().window(inputs);
        String many = sources.size() > 1 ? " (largest over the inputs)" : "";
        figures.add(saturating(Explained.of(Figure.RECEPTIVE_FIELD, "RF_in + (k_eff - 1) x jump_in" + many,
                Expr.add(rfIn, Expr.mul(Expr.group(Expr.sub(Expr.n(w.extent()), Expr.n(1))), jumpIn)))));
        figures.add(saturating(Explained.of(Figure.JUMP, "jump_in x s" + many,
                Expr.mul(jumpIn, Expr.n(w.stride())))));
        notes.add("window on the height axis: k_eff = " + w.extent() + ", s = " + w.stride()
                + (sources.isEmpty() ? "; the input itself: RF_in = 1, jump_in = 1" : ""));
        return new Explanation(r.id(), heading, notes, figures);
    }

    /**
     * The analysis counts receptive fields and jumps with saturating arithmetic (a global pool's stride is its whole
     * input, and a squeeze-excitation branch multiplies it into the main path): past 2^63 - 1 it says so.
     */
    private static Explained saturating(Explained e) {
        try {
            e.value();
            return e;
        } catch (ArithmeticException overflow) {
            return Explained.of(e.figure(), e.formula() + " = " + e.expr().text()
                    + ", which passes 2^63 - 1, where the count stops", Expr.n(Long.MAX_VALUE));
        }
    }

    private static Explanation block(Analysis a, Row row) {
        List<String> notes = new ArrayList<>();
        String heading = row.id() + ": " + LayerKinds.of(row.spec()).title() + " " + row.spec().keyParams() + " -> "
                + row.output() + ", the sum over its " + row.children().size() + " rows";
        for (Row c : row.children()) {
            notes.add(String.format(Locale.ROOT, "%-24s %-14s params %,d  MACs %,d  memory %,d B", c.id(),
                    c.output(), c.cost().params(), c.cost().macs(), c.memoryBytes()));
        }
        LayerResult last = a.producer(row.id());
        List<Explained> figures = new ArrayList<>();
        figures.add(sum(row, Figure.PARAMS, Cost::params));
        figures.add(sum(row, Figure.STATE, Cost::state));
        figures.add(sum(row, Figure.MACS, Cost::macs));
        figures.add(sum(row, Figure.OTHER_OPS, Cost::otherOps));
        List<Expr> memory = new ArrayList<>();
        for (Row c : row.children()) {
            memory.add(Expr.n(c.memoryBytes()));
        }
        figures.add(Explained.of(Figure.MEMORY, "sum of its rows' memory", Expr.sum(memory)));
        if (last != null) {
            figures.add(Explained.of(Figure.RECEPTIVE_FIELD, "that of its last layer " + last.id(),
                    Expr.n(last.receptiveField())));
            figures.add(Explained.of(Figure.JUMP, "that of its last layer " + last.id(), Expr.n(last.jump())));
        }
        return new Explanation(row.id(), heading, notes, figures);
    }

    private static Explained sum(Row row, Figure f, java.util.function.ToLongFunction<Cost> part) {
        List<Expr> terms = new ArrayList<>();
        for (Row c : row.children()) {
            terms.add(Expr.n(part.applyAsLong(c.cost())));
        }
        return Explained.of(f, "sum of its rows' " + f.label(), Expr.sum(terms));
    }
}
