package netcanvas.graph;

/**
 * What a layer says about initialising the weights of the layer that feeds it. PyTorch's recipes choose a
 * convolution's or dense layer's initialisation by the activation that follows it; the trainer looks through the
 * layers that do not change that choice ({@link #SEE_THROUGH}) to the first one that decides.
 */
public enum InitHint {
    /** A rectifier follows: He (Kaiming) normal. */
    HE,
    /** A saturating activation follows (tanh, sigmoid): Xavier (Glorot) uniform. */
    XAVIER,
    /** Normalisation, dropout or pooling: ask the layer after this one. */
    SEE_THROUGH,
    /** Anything else: PyTorch's default initialisation. */
    NONE
}
