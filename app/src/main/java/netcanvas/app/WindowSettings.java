package netcanvas.app;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import netcanvas.io.AppHome;
import netcanvas.io.AtomicFiles;

/**
 * What the window remembers between runs, in the app home's settings.properties: its size and place, the panels
 * shown and their widths, the status bar's batch and optimizer, the PNG scale and the training settings. A missing
 * or unreadable file means the defaults: remembering is a convenience, never a reason to fail.
 */
final class WindowSettings {
    private final Path file;
    private final Properties values = new Properties();

    private WindowSettings(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    /** The user's settings (~/.netcanvas/settings.properties). */
    static WindowSettings standard() {
        return at(AppHome.dir().resolve("settings.properties"));
    }

    static WindowSettings at(Path file) {
        return new WindowSettings(file);
    }

    /** Nothing remembered, nothing written (the default for windows made by tests). */
    static WindowSettings none() {
        return new WindowSettings(null);
    }

    String get(String key, String otherwise) {
        return values.getProperty(key, otherwise);
    }

    double number(String key, double otherwise) {
        try {
            double v = Double.parseDouble(values.getProperty(key, ""));
            return Double.isFinite(v) ? v : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    boolean flag(String key, boolean otherwise) {
        String v = values.getProperty(key);
        return v == null ? otherwise : Boolean.parseBoolean(v);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    void put(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
    }

    /** Writes the file (atomically); a failure only means the next run starts with the defaults. */
    void save() {
        if (file == null) {
            return;
        }
        try {
            StringWriter w = new StringWriter();
            values.store(w, "NetCanvas window settings");
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, w.toString());
        } catch (IOException | RuntimeException e) {
            // not remembering the layout is harmless
        }
    }
}
