package netcanvas.files;

import netcanvas.io.AppHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netcanvas.io.AtomicFiles;

/** The last files opened or saved, newest first, kept in recent.txt one path a line. */
public final class RecentFiles {
    public static final int LIMIT = 10;
    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    public static RecentFiles standard() {
        return new RecentFiles(AppHome.dir().resolve("recent.txt"));
    }

    /** The list; an unreadable store counts as empty (it is a convenience, never a reason to fail). */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        try {
            if (Files.exists(store)) {
                for (String line : Files.readAllLines(store)) {
                    if (!line.isBlank()) {
                        out.add(Path.of(line.trim()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** Moves this file to the top; returns the new list. */
    public List<Path> touch(Path file) {
        List<Path> l = new ArrayList<>(list());
        Path abs = file.toAbsolutePath().normalize();
        l.remove(abs);
        l.add(0, abs);
        while (l.size() > LIMIT) {
            l.remove(l.size() - 1);
        }
        try {
            Files.createDirectories(store.getParent());
            AtomicFiles.writeString(store, String.join("\n", l.stream().map(Path::toString).toList()) + "\n");
        } catch (IOException e) {
            // not remembering a recent file is harmless
        }
        return l;
    }
}
