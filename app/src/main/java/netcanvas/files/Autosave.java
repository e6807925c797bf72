package netcanvas.files;

import netcanvas.io.AppHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import netcanvas.graph.Network;
import netcanvas.io.NetworkFormatException;
import netcanvas.io.NetworkJson;

/**
 * The crash-recovery file: while the document has unsaved changes it is written here every 30 s (atomically, like any
 * save); a clean exit deletes it, so finding it at start means the last session ended without saving.
 */
public final class Autosave {
    public static final int PERIOD_SECONDS = 30;
    private final Path file;

    public Autosave(Path file) {
        this.file = file;
    }

    public static Autosave standard() {
        return new Autosave(AppHome.dir().resolve("recovery.json"));
    }

    public Path file() {
        return file;
    }

    public void write(Network network) throws IOException {
        Files.createDirectories(file.getParent());
        NetworkJson.write(network, file);
    }

    /** The network left by a session that did not end cleanly, or null. */
    public Network pending() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return NetworkJson.read(file);
        } catch (NetworkFormatException e) {
            return null;
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale recovery file only leads to one extra question at the next start
        }
    }
}
