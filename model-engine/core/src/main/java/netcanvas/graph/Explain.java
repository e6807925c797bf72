package netcanvas.graph;

import static netcanvas.graph.Expr.add;
import static netcanvas.graph.Expr.group;
import static netcanvas.graph.Expr.mul;
import static netcanvas.graph.Expr.n;

import java.util.ArrayList;
import java.util.List;
import netcanvas.graph.Explained.Figure;

/** Building blocks for the kinds' {@link PrimitiveSpec#explain} rules. */
final class Explain {
    private Explain() {
    }

    /** Collects a kind's explained figures in a fixed order: shape, params, state, MACs, other ops. */
    static final class Terms {
        private final List<Explained> terms = new ArrayList<>();
        private boolean params;
        private boolean state;
        private boolean macs;
        private boolean ops;

        Terms add(Figure f, String formula, Expr e) {
            return add(Explained.of(f, formula, e));
        }

        Terms add(Explained e) {
            terms.add(e);
            Figure f = e.figure();
            params |= f == Figure.PARAMS;
            state |= f == Figure.STATE;
            macs |= f == Figure.MACS;
            ops |= f == Figure.OTHER_OPS;
            return this;
        }

        /** Output dimensions spelled as the input's: "C' = C", "H' = H", "W' = W" (or "N' = N"). */
        Terms sameShape(Shape in) {
            if (in.spatial()) {
                return add(Figure.CHANNELS, "C", n(in.channels())).add(Figure.HEIGHT, "H", n(in.height()))
                        .add(Figure.WIDTH, "W", n(in.width()));
            }
            return add(Figure.FEATURES, "N", n(in.channels()));
        }

        /** The list, with zero for any cost figure the kind did not state (it has none of that kind). */
        List<Explained> done() {
            List<Explained> out = new ArrayList<>(terms);
            if (!params) {
                out.add(Explained.of(Figure.PARAMS, "0", n(0)));
            }
            if (!state) {
                out.add(Explained.of(Figure.STATE, "0", n(0)));
            }
            if (!macs) {
                out.add(Explained.of(Figure.MACS, "0", n(0)));
            }
            if (!ops) {
                out.add(Explained.of(Figure.OTHER_OPS, "0", n(0)));
            }
            out.sort(java.util.Comparator.comparing(Explained::figure));
            return out;
        }
    }

    static Terms terms() {
        return new Terms();
    }

    /** The element count of a shape as a product: "C x H x W" (or "N"). */
    static Expr elements(Shape s) {
        return s.spatial() ? mul(n(s.channels()), n(s.height()), n(s.width())) : n(s.channels());
    }

    /** The symbols of {@link #elements} for an output: "C' x H' x W'" (or "N'"). */
    static String outElements(Shape s) {
        return s.spatial() ? "C' x H' x W'" : "N'";
    }

    /** The symbols of {@link #elements} for an input: "C x H x W" (or "N"). */
    static String inElements(Shape s) {
        return s.spatial() ? "C x H x W" : "N";
    }

    /**
     * PyTorch's sliding-window size, as {@link ShapeRules#slidingOutput}: floor((in + 2p - d(k-1) - 1) / s) + 1, or
     * ceil in ceil mode, less one where the last window would start in the right padding.
     */
    static Explained sliding(Figure f, String axis, long in, int k, int s, int p, int d, boolean ceil) {
        Expr span;
        String formula;
        String sym = axis;
        if (d == 1) {
            span = Expr.sub(add(n(in), mul(n(2), n(p))), n(k));
            formula = "(" + sym + " + 2p - k) / s";
        } else {
            span = Expr.sub(Expr.sub(add(n(in), mul(n(2), n(p))), mul(n(d), group(Expr.sub(n(k), n(1))))), n(1));
            formula = "(" + sym + " + 2p - d x (k - 1) - 1) / s";
        }
        Expr out = add(ceil ? Expr.ceilDiv(span, n(s)) : Expr.floorDiv(span, n(s)), n(1));
        String text = (ceil ? "ceil(" : "floor(") + formula + ") + 1";
        if (ceil && (out.value() - 1) * s >= in + p) {
            out = Expr.sub(out, n(1));
            text += " - 1 (the last window would start in the padding)";
        }
        return Explained.of(f, text, out);
    }
}
