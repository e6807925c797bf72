package netcanvas.cli;

/**
 * A command cannot go on, for a reason the user can fix. Thrown from anywhere inside a command; the error handling
 * prints just the message (never a stack trace) and exits with the code.
 */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
