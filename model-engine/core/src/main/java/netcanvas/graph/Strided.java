package netcanvas.graph;

/**
 * A layer or block with a stride: a {@link Stage} repeats it with its stride in the first copy only and stride 1 in
 * the others, as torchvision's stages downsample once.
 */
public interface Strided {
    /** The same layer with stride 1 on both axes. */
    LayerSpec withUnitStride();
}
