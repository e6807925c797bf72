package netcanvas.graph;

/**
 * Convolution padding: explicit zero padding per side, or "same" (output size equals input size; PyTorch allows it
 * only with stride 1, and so does the analysis). Written as [h, w] or "same" in JSON.
 */
public record Padding(int h, int w, boolean same) {

    public static final Padding SAME = new Padding(0, 0, true);

    public static Padding of(int h, int w) {
        return new Padding(h, w, false);
    }

    public static Padding of(int both) {
        return new Padding(both, both, false);
    }

    /** Total padding (both sides) that "same" needs for a kernel extent. */
    public static int sameTotal(int extent) {
        return extent - 1;
    }

    @Override
    public String toString() {
        return same ? "same" : (h == w ? Integer.toString(h) : h + "x" + w);
    }
}
