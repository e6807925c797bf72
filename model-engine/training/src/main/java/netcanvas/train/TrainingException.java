package netcanvas.train;

/** A network, dataset or run that cannot be trained, with a message that says why and what to do. */
public class TrainingException extends Exception {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
