package netcanvas.graph;

/** A (height, width) pair of small integers: kernel size, stride, padding or dilation. Written as [h, w] in JSON. */
public record Hw(int h, int w) {

    public static Hw of(int both) {
        return new Hw(both, both);
    }

    public boolean square() {
        return h == w;
    }

    /** "3x3" or "1x7". */
    @Override
    public String toString() {
        return h + "x" + w;
    }
}
