package netcanvas.report;

import netcanvas.analysis.Totals;

/**
 * How reports write numbers: exact counts with thousands separators, and sizes in decimal units (1 MB = 10^6 bytes,
 * as torchinfo reports them). Written by hand rather than with String.format, whose first use costs the command
 * line tens of milliseconds, and independent of the machine's locale.
 */
public final class Units {
    private Units() {
    }

    /** 61706 -> "61,706". */
    public static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        StringBuilder s = new StringBuilder(digits.length() + digits.length() / 3);
        s.append(digits, 0, sign);
        for (int i = sign; i < digits.length(); i++) {
            if (i > sign && (digits.length() - i) % 3 == 0) {
                s.append(',');
            }
            s.append(digits.charAt(i));
        }
        return s.toString();
    }

    /**
     * A total as {@link #count}, or "more than 9,223,372,036,854,775,807" when the analysis' saturating sum hit its
     * cap ({@link Totals#isCapped}): the true value is larger, so it must not read as exact.
     */
    public static String countTotal(long n) {
        return Totals.isCapped(n) ? "more than " + count(n) : count(n);
    }

    /** A total as {@link #bytes}, or "more than 9,223,372.04 TB" when capped. */
    public static String bytesTotal(long n) {
        return Totals.isCapped(n) ? "more than " + bytes(n) : bytes(n);
    }

    /** A total as {@link #megabytes}, or "more than ... MB" when capped. */
    public static String megabytesTotal(long n) {
        return Totals.isCapped(n) ? "more than " + megabytes(n) : megabytes(n);
    }

    /**
     * A duration for progress lines and results: "12.3s", "4m05s", "1h02m"; "-" when unknown (negative or not
     * finite, as an estimate before the first measurement).
     */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return s / 3600 + "h" + twoDigits(s / 60 % 60) + "m";
        }
        if (s >= 60) {
            return s / 60 + "m" + twoDigits(s % 60) + "s";
        }
        return decimal(Math.round(seconds * 1000), 1000, 1) + "s";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    private static final long[] POWERS = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L};
    private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB"};
    private static final String[] COUNT_UNITS = {"", "k", "M", "G", "T"};

    /** A byte count in the largest decimal unit that keeps it at least 1: "18.8 kB", "3.21 MB", "1.20 GB". */
    public static String bytes(long n) {
        return inUnits(n, BYTE_UNITS, 1);
    }

    /** A byte count in megabytes with two decimals: "110.05 MB". */
    public static String megabytes(long n) {
        return decimal(n, 1_000_000, 2) + " MB";
    }

    /**
     * n with three significant figures in the largest unit that keeps its whole part at least 1 (70.4 k, 218 M,
     * 1.23 G; below 1,000 the plain number): for texts of a fixed width, such as a box on the canvas, whose
     * tooltip and the inspector give the exact figure.
     */
    public static String brief(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        int u = POWERS.length - 1;
        while (u > 1 && n < POWERS[u]) {
            u--;
        }
        while (true) {
            long unit = POWERS[u];
            long whole = n / unit;
            long rest = n % unit;
            for (int places = 2; places >= 1; places--) {
                long scale = places == 1 ? 10 : 100;
                long rounded = whole + ((rest * scale + unit / 2) / unit == scale ? 1 : 0);
                if (rounded < (places == 2 ? 10 : 100)) {
                    return decimal(n, unit, places) + " " + COUNT_UNITS[u];
                }
            }
            long rounded = whole + (rest >= unit - unit / 2 ? 1 : 0);
            if (rounded < 1_000 || u == POWERS.length - 1) {
                return count(rounded) + " " + COUNT_UNITS[u];
            }
            u++;
        }
    }

    /** An operation count scaled for reading: "4.09 G", "416.52 k", "840". */
    public static String scaled(long n) {
        return inUnits(n, COUNT_UNITS, 2).stripTrailing();
    }

    /**
     * n in the largest unit that keeps its whole part at least 1, after rounding (999,995 bytes read "1.00 MB",
     * not "1,000.0 kB"); kilo with the given decimal places, larger units with two. Below 1,000: the plain number.
     */
    private static String inUnits(long n, String[] names, int kiloPlaces) {
        if (n < 1_000) {
            return n + " " + names[0];
        }
        int u = POWERS.length - 1;
        while (u > 1 && n < POWERS[u]) {
            u--;
        }
        int places = u == 1 ? kiloPlaces : 2;
        if (u < POWERS.length - 1 && roundsToNextUnit(n, POWERS[u], places)) {
            u++;
            places = 2;
        }
        return decimal(n, POWERS[u], places) + " " + names[u];
    }

    /** True when n / unit, rounded to these places, reaches 1,000. */
    private static boolean roundsToNextUnit(long n, long unit, int places) {
        long scale = places == 1 ? 10 : 100;
        return n / unit >= 999 && (n % unit * scale + unit / 2) / unit >= scale;
    }

    /**
     * n / unit rounded half up to the given decimal places (1 or 2), the whole part with thousands separators.
     * Exact for any non-negative long: the rounding works on integers, never on a double.
     */
    static String decimal(long n, long unit, int places) {
        long scale = places == 1 ? 10 : 100;
        // n * scale / unit, rounded, without overflowing: split n into whole units and the remainder
        long whole = n / unit;
        long rest = n % unit;
        long fraction = (rest * scale + unit / 2) / unit; // rest < unit <= 10^12, times 100 fits a long
        if (fraction == scale) {
            whole++;
            fraction = 0;
        }
        String f = Long.toString(fraction);
        return count(whole) + "." + "0".repeat(places - f.length()) + f;
    }

    /**
     * A row's arithmetic under a cost convention, as {@link #scaled}: a layer's count or a block's sum, "> 9.22 E"
     * past 2^63 - 1 (the analysis' counts stop there).
     */
    public static String cost(CostConvention c, netcanvas.analysis.Row r) {
        try {
            return scaled(c == CostConvention.MACS ? r.cost().macs() : c.of(r));
        } catch (ArithmeticException overflow) {
            return "> " + scaled(Long.MAX_VALUE);
        }
    }
}
