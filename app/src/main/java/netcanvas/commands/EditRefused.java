package netcanvas.commands;

/** An edit that cannot be made; the message says why and is shown to the user as it is. */
public final class EditRefused extends Exception {
    public EditRefused(String message) {
        super(message);
    }
}
