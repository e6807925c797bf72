package netcanvas.compare;

import java.util.Locale;

/** How a row of a comparison differs between network A and network B. */
public enum Status {
    /** In both, with the same parameters, output shape and costs. */
    SAME("="),
    /** In both, but its parameters, output shape or costs differ (a block: anything inside it differs). */
    CHANGED("~"),
    /** Only in B. */
    ADDED("+"),
    /** Only in A. */
    REMOVED("-");

    private final String mark;

    Status(String mark) {
        this.mark = mark;
    }

    /** "=", "~", "+" or "-". */
    public String mark() {
        return mark;
    }

    /** "same", "changed", "added" or "removed". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
