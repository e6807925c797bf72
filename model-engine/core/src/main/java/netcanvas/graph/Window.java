package netcanvas.graph;

/** A sliding window along one axis: its extent (dilated kernel size) and stride. */
public record Window(long extent, long stride) {
    public static final Window POINTWISE = new Window(1, 1);
}
