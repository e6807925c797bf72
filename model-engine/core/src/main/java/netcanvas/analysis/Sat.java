package netcanvas.analysis;

/**
 * Saturating arithmetic for estimates that must never wrap to negative numbers: a result past 2^63 - 1 stops there
 * ({@link Totals#CAP}), as the analysis' totals do.
 */
public final class Sat {
    private Sat() {
    }

    public static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    public static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }
}
