package netcanvas.io;

/**
 * A network file cannot be read. The message names the file (when known), the place in it ("nodes[3].kernel") and
 * what to do.
 */
public final class NetworkFormatException extends Exception {
    private final String location;

    public NetworkFormatException(String location, String message) {
        super(location.isEmpty() ? message : location + ": " + message);
        this.location = location;
    }

    /** Where in the file: "nodes[3].kernel", or empty for the file as a whole. */
    public String location() {
        return location;
    }

    /** The same problem, prefixed with the file it was found in. */
    public NetworkFormatException inFile(String file) {
        NetworkFormatException e = new NetworkFormatException(file + (location.isEmpty() ? "" : " at " + location),
                getMessage().substring(location.isEmpty() ? 0 : location.length() + 2));
        e.setStackTrace(getStackTrace());
        return e;
    }
}
