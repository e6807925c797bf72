package netcanvas.graph;

/**
 * The parameters of one layer or block. Every kind is an immutable record registered in {@link LayerKinds}; its
 * record components, annotated with {@link Param}, are its parameters.
 */
public sealed interface LayerSpec permits PrimitiveSpec, CompositeSpec {

    /** The kind's name in files, e.g. "conv2d". */
    default String kind() {
        return LayerKinds.of(getClass()).name();
    }

    /** The few parameters a node shows on the canvas, e.g. "3x3, 64, /2". */
    String keyParams();
}
