package netcanvas.io;

import java.nio.file.Path;

/** Where the designer keeps its own files: ~/.netcanvas, or the netcanvas.home system property (tests use it). */
public final class AppHome {
    private AppHome() {
    }

    public static Path dir() {
        String override = System.getProperty("netcanvas.home");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".netcanvas");
    }
}
