package netcanvas.summary;

import java.util.Locale;

/** Numbers as the designer shows them: exact counts with separators, large ones with SI or binary prefixes. */
public final class Formats {
    private static final String[] SI = {"", " k", " M", " G", " T", " P", " E"};
    private static final String[] BINARY = {" B", " KiB", " MiB", " GiB", " TiB", " PiB", " EiB"};

    private Formats() {
    }

    /** 25557032 -> "25,557,032". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 4089184256 -> "4.09 G"; below 1000 the exact number. */
    public static String si(long n) {
        return scaled(n, 1000, SI);
    }

    /** 102760448 -> "98.0 MiB". */
    public static String bytes(long n) {
        return scaled(n, 1024, BINARY);
    }

    private static String scaled(long n, double base, String[] units) {
        double v = n;
        int u = 0;
        while (Math.abs(v) >= base && u < units.length - 1) {
            v /= base;
            u++;
        }
        if (u == 0) {
            return n + units[0];
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, units[u]);
    }

    /**
     * A row's arithmetic under a cost convention, as {@link #si}: a layer's count or a block's sum, "> 9.22 E" past
     * 2^63 - 1 (the analysis' counts stop there).
     */
    public static String cost(netcanvas.report.CostConvention c, netcanvas.analysis.Row r) {
        try {
            return si(c == netcanvas.report.CostConvention.MACS ? r.cost().macs() : c.of(r));
        } catch (ArithmeticException overflow) {
            return "> " + si(Long.MAX_VALUE);
        }
    }
}
