package netcanvas.cli;

/** The exit statuses every netcanvas command uses, so scripts can tell a broken design from a broken file. */
public final class ExitCodes {
    /** Done; warnings may have been printed. */
    public static final int OK = 0;
    /** The network was read but has errors (a cycle, mismatched shapes...); they were printed. */
    public static final int INVALID_NETWORK = 1;
    /**
     * A file could not be used (a network, data, checkpoint or image unreadable, malformed or over a documented
     * limit; an output path refused before writing), or the command line itself was wrong.
     */
    public static final int UNREADABLE = 2;
    /** A bug in NetCanvas. */
    public static final int INTERNAL = 3;
    /**
     * This machine cannot run the command: ND4J's native backend did not load, or the desktop app cannot start (no
     * display); what it lacks was printed.
     */
    public static final int UNSUPPORTED_MACHINE = 4;

    private ExitCodes() {
    }
}
