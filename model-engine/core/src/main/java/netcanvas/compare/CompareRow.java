package netcanvas.compare;

import netcanvas.analysis.Row;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Shape;

/**
 * One aligned row: a layer or block of A, of B, or of both.
 *
 * @param depth  nesting depth: 0 for a node of the designed network, 1 inside a block, and so on
 * @param a      the row in A, or null when added
 * @param b      the row in B, or null when removed
 * @param status how they differ
 */
public record CompareRow(int depth, Row a, Row b, Status status) {

    /** The row present on either side (A's when both). */
    public Row either() {
        return a != null ? a : b;
    }

    /** "conv1", or "conv1 -> stem.conv1" when the ids differ. */
    public String label() {
        if (a != null && b != null && !a.id().equals(b.id())) {
            return a.id() + " -> " + b.id();
        }
        return either().id();
    }

    /** The kind's file name; "relu -> silu" when the two sides differ in kind. */
    public String kind() {
        if (a != null && b != null && a.spec().getClass() != b.spec().getClass()) {
            return a.spec().kind() + " -> " + b.spec().kind();
        }
        return either().spec().kind();
    }

    /** The kind's title with its key parameters, both sides when they differ: "3x3, 64 -> 3x3, 128, g32". */
    public String layer() {
        String sa = a == null ? null : describe(a);
        String sb = b == null ? null : describe(b);
        if (sa == null) {
            return sb;
        }
        return sb == null || sa.equals(sb) ? sa : sa + " -> " + sb;
    }

    private static String describe(Row r) {
        String title = LayerKinds.of(r.spec()).title();
        String key = r.spec().keyParams();
        return key.isEmpty() ? title : title + " " + key;
    }

    public Shape outputA() {
        return a == null ? null : a.output();
    }

    public Shape outputB() {
        return b == null ? null : b.output();
    }

    public long paramsA() {
        return a == null ? 0 : a.cost().params();
    }

    public long paramsB() {
        return b == null ? 0 : b.cost().params();
    }

    public long macsA() {
        return a == null ? 0 : a.cost().macs();
    }

    public long macsB() {
        return b == null ? 0 : b.cost().macs();
    }

    public long memoryA() {
        return a == null ? 0 : a.memoryBytes();
    }

    public long memoryB() {
        return b == null ? 0 : b.memoryBytes();
    }
}
