package netcanvas.graph;

/** A block whose stride can be reset, so a {@link Stage} can downsample in its first repeat only. */
public interface Strided {
    int stride();

    LayerSpec withStride(int stride);
}
