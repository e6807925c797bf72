package netcanvas.compare;

import java.util.ArrayList;
import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Totals;

/**
 * Two analysed networks aligned row by row ({@link Comparer#compare}), with both sides' totals.
 *
 * @param rows the aligned rows in order, blocks followed by their inner rows (one deeper)
 */
public record Comparison(Analysis a, Analysis b, List<CompareRow> rows) {

    public Comparison {
        rows = List.copyOf(rows);
    }

    public Totals totalsA() {
        return a.totals();
    }

    public Totals totalsB() {
        return b.totals();
    }

    /** The rows with this status, at any depth. */
    public List<CompareRow> rows(Status status) {
        List<CompareRow> out = new ArrayList<>();
        for (CompareRow r : rows) {
            if (r.status() == status) {
                out.add(r);
            }
        }
        return out;
    }

    /** The primitive (leaf) rows with this status: the layers that were added, removed, changed or kept. */
    public List<CompareRow> layers(Status status) {
        List<CompareRow> out = new ArrayList<>();
        for (CompareRow r : rows(status)) {
            if (!r.either().composite()) {
                out.add(r);
            }
        }
        return out;
    }

    /** B's figure over A's, or NaN when A's is 0. */
    public static double ratio(long a, long b) {
        return a == 0 ? Double.NaN : (double) b / a;
    }
}
