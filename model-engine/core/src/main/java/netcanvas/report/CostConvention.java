package netcanvas.report;

import java.util.Locale;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Sat;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Row;
import netcanvas.analysis.Totals;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Cost;
import netcanvas.graph.Dense;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.Shape;

/**
 * How a report counts a layer's arithmetic. Papers and courses disagree, so every report that uses one names it:
 * <ul>
 * <li>{@link #MACS}: multiply-accumulates of convolutions and dense layers (torchinfo's "Mult-Adds"; the default);
 * <li>{@link #FLOPS}: 2 x MACs (a multiply and an add each) plus one add per output for each bias;
 * <li>{@link #LECTURE}: the convention of the classic lecture tables (e.g. Stanford CS231n / Michigan EECS 498
 * AlexNet): convolutions and dense layers as multiply-adds, pooling as C x H' x W' x k x k, activations, batch
 * norm, adds and scales one per element (LRN size per element): MACs plus the analysis' other operations.
 * </ul>
 */
public enum CostConvention {
    MACS("MACs", "macs", "multiply-accumulates of convolutions and dense layers"),
    FLOPS("FLOPs", "flops", "2 x MACs plus one add per output for each bias"),
    LECTURE("Ops (lecture)", "lectureOps", "conv and dense as multiply-adds, pooling as C x H' x W' x k x k, "
            + "activations, batch norm and adds one per element");

    private final String column;
    private final String key;
    private final String description;

    CostConvention(String column, String key, String description) {
        this.column = column;
        this.key = key;
        this.description = description;
    }

    /** "macs", "flops" or "lecture", as the command line spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The table column's heading: "MACs", "FLOPs" or "Ops (lecture)". */
    public String column() {
        return column;
    }

    /** The JSON field and CSV column: "macs", "flops" or "lectureOps". */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static CostConvention parse(String label) {
        for (CostConvention c : values()) {
            if (c.label().equalsIgnoreCase(label.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cost convention '" + label + "'; choose macs, flops or lecture");
    }

    /** One primitive layer's count under this convention, saturating at {@link Totals#CAP} (never an exception). */
    public long of(LayerSpec spec, Shape output, Cost cost) {
        return switch (this) {
            case MACS -> cost.macs();
            case FLOPS -> Sat.add(Sat.mul(2, cost.macs()), output == null ? 0 : biasAdds(spec, output));
            case LECTURE -> Sat.add(cost.macs(), cost.otherOps());
        };
    }

    /** One add per output element for a convolution or dense layer with a bias. */
    private static long biasAdds(LayerSpec spec, Shape output) {
        if (spec instanceof Conv2d c && c.bias() || spec instanceof Dense d && d.bias()) {
            return output.elements();
        }
        return 0;
    }

    public long of(LayerResult r) {
        return r.known() ? of(r.spec(), r.output(), r.cost()) : 0;
    }

    /** A summary row: a layer's count, or a block's sum over its rows. */
    public long of(Row r) {
        if (!r.composite()) {
            return r.output() == null ? 0 : of(r.spec(), r.output(), r.cost());
        }
        long sum = 0;
        for (Row c : r.children()) {
            sum = Sat.add(sum, of(c));
        }
        return sum;
    }

    /** The network's total, saturating at {@link Totals#CAP} as the analysis' totals do. */
    public long total(Analysis a) {
        if (this == MACS) {
            return a.totals().macs();
        }
        long sum = 0;
        for (LayerResult r : a.layers()) {
            long v;
            try {
                v = of(r);
            } catch (ArithmeticException e) {
                return Totals.CAP;
            }
            sum = sum > Totals.CAP - v ? Totals.CAP : sum + v;
        }
        return sum;
    }
}
