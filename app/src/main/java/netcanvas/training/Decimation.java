package netcanvas.training;

/**
 * Reduces a series to what a plot of a given pixel width can show: for each pixel column, the point with the lowest
 * and the point with the highest value, in their original order. The drawn line then has the same envelope as the
 * full series (spikes and dips survive) with at most two points per column, however many points there are.
 */
public final class Decimation {
    private Decimation() {
    }

    /** The points to draw, in x order: x[i], y[i] for i below size. */
    public record Points(double[] x, double[] y, int size) {
    }

    /**
     * Min/max per column of xs (non-decreasing) over [x0, x1] mapped to {@code columns} columns. NaN values are
     * skipped. A series with no more than two points per column comes back whole.
     */
    public static Points minMaxPerColumn(double[] xs, double[] ys, int n, double x0, double x1, int columns) {
        int cols = Math.max(1, columns);
        if (n <= 2 * cols) {
            double[] ox = new double[n];
            double[] oy = new double[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(ys[i])) {
                    ox[k] = xs[i];
                    oy[k++] = ys[i];
                }
            }
            return new Points(ox, oy, k);
        }
        double[] ox = new double[2 * cols];
        double[] oy = new double[2 * cols];
        double scale = x1 > x0 ? cols / (x1 - x0) : 0;
        int k = 0;
        int col = -1;
        int lo = -1;
        int hi = -1;
        for (int i = 0; i < n; i++) {
            double y = ys[i];
            if (Double.isNaN(y)) {
                continue;
            }
            int c = (int) Math.min(cols - 1, Math.max(0, (xs[i] - x0) * scale));
            if (c != col) {
                k = flush(xs, ys, lo, hi, ox, oy, k);
                col = c;
                lo = i;
                hi = i;
            } else if (y < ys[lo]) {
                lo = i;
            } else if (y > ys[hi]) {
                hi = i;
            }
        }
        k = flush(xs, ys, lo, hi, ox, oy, k);
        return new Points(ox, oy, k);
    }

    /** Appends one column's extremes, earlier index first, once when they are the same point. */
    private static int flush(double[] xs, double[] ys, int lo, int hi, double[] ox, double[] oy, int k) {
        if (lo < 0 || k + 2 > ox.length) {
            return k;
        }
        int first = Math.min(lo, hi);
        int second = Math.max(lo, hi);
        ox[k] = xs[first];
        oy[k++] = ys[first];
        if (second != first) {
            ox[k] = xs[second];
            oy[k++] = ys[second];
        }
        return k;
    }
}
