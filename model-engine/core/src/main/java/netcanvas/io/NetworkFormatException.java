package netcanvas.io;

/**
 * A network file cannot be read. The message names the file (when known), the place in it ("nodes[3].kernel") and
 * what to do. Text taken from the file (ids, kinds) is printed through {@link SafeText}: the message never carries a
 * control or bidi character.
 */
public final class NetworkFormatException extends Exception {
    private final String location;
    private final String detail;

    public NetworkFormatException(String location, String message) {
        super(SafeText.of(location.isEmpty() ? message : location + ": " + message));
        this.location = location;
        this.detail = message;
    }

    /** Where in the file: "nodes[3].kernel", or empty for the file as a whole. */
    public String location() {
        return location;
    }

    /** The same problem, prefixed with the file it was found in. */
    public NetworkFormatException inFile(String file) {
        NetworkFormatException e = new NetworkFormatException(file + (location.isEmpty() ? "" : " at " + location),
                detail);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
