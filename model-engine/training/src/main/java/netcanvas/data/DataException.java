package netcanvas.data;

/** A dataset that cannot be found or read, with a message naming the file and what to do. */
public class DataException extends Exception {
    public DataException(String message) {
        super(message);
    }
}
