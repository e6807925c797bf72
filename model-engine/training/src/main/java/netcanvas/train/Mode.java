package netcanvas.train;

/**
 * Which graph to build. Training and inference differ in two kinds only: dropout is active only while training, and
 * batch norm normalises with the batch's statistics while training but with the running statistics at inference.
 */
public enum Mode {
    TRAIN, INFER
}
