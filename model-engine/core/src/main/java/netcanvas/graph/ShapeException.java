package netcanvas.graph;

/** A layer cannot produce an output for its inputs; the message says what is wrong and how to fix it. */
public final class ShapeException extends Exception {
    public ShapeException(String message) {
        super(message, null, false, false);
    }
}
