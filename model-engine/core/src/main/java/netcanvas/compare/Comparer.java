package netcanvas.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Row;
import netcanvas.graph.LayerKinds;

/**
 * Aligns two analysed networks the way a person would draw it: the designed nodes (stems, stages, heads) first,
 * then inside every matched block its rows (a stage's blocks, a block's layers), each level by a sequence alignment
 * (edit distance) whose substitution cost prefers the same kind, the same parameters, the same output shape and the
 * same id. A pure function of the two analyses.
 */
public final class Comparer {
    /** Cost of leaving a row unmatched (added or removed). Two gaps cost more than any allowed match. */
    static final double GAP = 1.0;
    /** Matching rows of different kinds in the same palette category (ReLU for SiLU), shown as changed. */
    static final double OTHER_KIND = 1.5;
    static final double OTHER_PARAMS = 0.5;
    static final double OTHER_SHAPE = 0.3;
    static final double OTHER_ID = 0.2;

    private Comparer() {
    }

    public static Comparison compare(Analysis a, Analysis b) {
        List<CompareRow> out = new ArrayList<>();
        align(a.rows(), b.rows(), 0, out);
        return new Comparison(a, b, out);
    }

    /** Aligns two sibling lists and appends their rows (and, recursively, their inner rows) to out. */
    private static void align(List<Row> xs, List<Row> ys, int depth, List<CompareRow> out) {
        int n = xs.size();
        int m = ys.size();
        double[][] d = new double[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            d[i][0] = i * GAP;
        }
        for (int j = 1; j <= m; j++) {
            d[0][j] = j * GAP;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                double best = Math.min(d[i - 1][j], d[i][j - 1]) + GAP;
                double s = cost(xs.get(i - 1), ys.get(j - 1));
                d[i][j] = Math.min(best, d[i - 1][j - 1] + s);
            }
        }
        // Walk back from the end; on ties prefer a match, then a removal before an addition (removed rows first).
        List<Row[]> pairs = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0 && same(d[i][j], d[i - 1][j - 1] + cost(xs.get(i - 1), ys.get(j - 1)))) {
                pairs.add(new Row[] {xs.get(i - 1), ys.get(j - 1)});
                i--;
                j--;
            } else if (j > 0 && same(d[i][j], d[i][j - 1] + GAP)) {
                pairs.add(new Row[] {null, ys.get(j - 1)});
                j--;
            } else {
                pairs.add(new Row[] {xs.get(i - 1), null});
                i--;
            }
        }
        for (int k = pairs.size() - 1; k >= 0; k--) {
            Row x = pairs.get(k)[0];
            Row y = pairs.get(k)[1];
            if (x == null) {
                one(y, Status.ADDED, depth, out);
            } else if (y == null) {
                one(x, Status.REMOVED, depth, out);
            } else {
                both(x, y, depth, out);
            }
        }
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) < 1e-9;
    }

    /** What it costs to call x and y the same row; infinite where they cannot be. */
    static double cost(Row x, Row y) {
        double c = 0;
        if (x.spec().getClass() != y.spec().getClass()) {
            if (x.composite() != y.composite()
                    || LayerKinds.of(x.spec()).category() != LayerKinds.of(y.spec()).category()) {
                return Double.POSITIVE_INFINITY;
            }
            c += OTHER_KIND;
        } else if (!x.spec().equals(y.spec())) {
            c += OTHER_PARAMS;
        }
        if (!Objects.equals(x.output(), y.output())) {
            c += OTHER_SHAPE;
        }
        if (!local(x.id()).equals(local(y.id()))) {
            c += OTHER_ID;
        }
        return c;
    }

    /** The id within its block ("conv1" of "layer1.0.conv1"): blocks matched under other names still match inside. */
    private static String local(String id) {
        return id.substring(id.lastIndexOf('.') + 1);
    }

    private static void one(Row r, Status s, int depth, List<CompareRow> out) {
        out.add(s == Status.ADDED ? new CompareRow(depth, null, r, s) : new CompareRow(depth, r, null, s));
        for (Row c : r.children()) {
            one(c, s, depth + 1, out);
        }
    }

    private static void both(Row x, Row y, int depth, List<CompareRow> out) {
        int at = out.size();
        out.add(null);
        boolean same = x.spec().equals(y.spec()) && Objects.equals(x.output(), y.output())
                && x.cost().equals(y.cost()) && x.memoryBytes() == y.memoryBytes();
        if (x.composite() || y.composite()) {
            align(x.children(), y.children(), depth + 1, out);
            for (int k = at + 1; k < out.size(); k++) {
                same &= out.get(k).status() == Status.SAME;
            }
        }
        out.set(at, new CompareRow(depth, x, y, same ? Status.SAME : Status.CHANGED));
    }
}
