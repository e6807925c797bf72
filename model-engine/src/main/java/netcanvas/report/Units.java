package netcanvas.report;

import java.util.Locale;

/**
 * How reports write numbers: exact counts with thousands separators, and sizes in decimal units (1 MB = 10^6 bytes,
 * as torchinfo reports them). Locale.ROOT keeps the output identical on every machine.
 */
public final class Units {
    private Units() {
    }

    /** 61706 -> "61,706". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A byte count in the largest decimal unit that keeps it at least 1: "18.8 kB", "3.21 MB", "1.20 GB". */
    public static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%,.2f GB", n / 1e9);
    }

    /** A byte count in megabytes with two decimals: "110.05 MB". */
    public static String megabytes(long n) {
        return String.format(Locale.ROOT, "%,.2f MB", n / 1e6);
    }

    /** An operation count scaled for reading: "4.09 G", "416.52 k", "840". */
    public static String scaled(long n) {
        if (n >= 1_000_000_000_000L) {
            return String.format(Locale.ROOT, "%,.2f T", n / 1e12);
        }
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f G", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f M", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.2f k", n / 1e3);
        }
        return Long.toString(n);
    }
}
