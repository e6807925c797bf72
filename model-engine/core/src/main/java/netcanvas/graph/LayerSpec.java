package netcanvas.graph;

/**
 * The parameters of one layer or block. Every kind is an immutable record annotated with {@link Kind} (its
 * identity, which {@link LayerKinds} reads); its record components, annotated with {@link Param}, are its
 * parameters. See package-info for the recipe to add a kind.
 */
public sealed interface LayerSpec permits PrimitiveSpec, CompositeSpec {

    /** The kind's name in files, e.g. "conv2d". */
    default String kind() {
        return LayerKinds.of(getClass()).name();
    }

    /** Fewest inputs this layer or block accepts. */
    default int minInputs() {
        return 1;
    }

    /** Most inputs this layer or block accepts. */
    default int maxInputs() {
        return 1;
    }

    /** The few parameters a node shows on the canvas, e.g. "3x3, 64, /2". */
    String keyParams();
}
