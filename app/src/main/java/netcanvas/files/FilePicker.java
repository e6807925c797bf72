package netcanvas.files;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the user for a file or folder. Every place that asks goes through one picker, which the window is given:
 * the desktop uses the system dialogs ({@link #system()}), and the headless UI tests, where no native dialog can
 * open, give one that answers as a user would, so the menu items and buttons behind the dialogs are exercised whole.
 */
public interface FilePicker {
    /** One file type a dialog offers: its description and patterns. */
    record Filter(String what, List<String> patterns) {
        public Filter {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * What the dialog shows: its title, the file type offered first ({@code what}, {@code patterns}), any further
     * types the user may switch to, where it starts and the name it suggests.
     */
    record Request(String title, String what, List<String> patterns, List<Filter> more, Path startIn,
            String suggestedName) {
        public Request {
            patterns = List.copyOf(patterns);
            more = List.copyOf(more);
        }

        /** A request for a file of one type, starting in the user's last folder or home. */
        public static Request of(String title, String what, String... patterns) {
            return new Request(title, what, List.of(patterns), List.of(), null, null);
        }

        /** The same request, also offering this file type. */
        public Request alsoOffering(String what, String... patterns) {
            List<Filter> m = new java.util.ArrayList<>(more);
            m.add(new Filter(what, List.of(patterns)));
            return new Request(title, this.what, this.patterns, m, startIn, suggestedName);
        }

        /** Every file type offered, the first one first. */
        public List<Filter> filters() {
            List<Filter> all = new java.util.ArrayList<>();
            if (!patterns.isEmpty()) {
                all.add(new Filter(what, patterns));
            }
            all.addAll(more);
            return all;
        }

        public Request startingIn(Path folder) {
            return new Request(title, what, patterns, more, folder, suggestedName);
        }

        public Request suggesting(String fileName) {
            return new Request(title, what, patterns, more, startIn, fileName);
        }
    }

    /** An existing file to read; null when the user cancels. */
    Path open(Window owner, Request request);

    /** Where to write a file; null when the user cancels. */
    Path save(Window owner, Request request);

    /** An existing folder; null when the user cancels (a request's patterns are ignored). */
    Path folder(Window owner, Request request);

    /** The platform's own dialogs. */
    static FilePicker system() {
        return new FilePicker() {
            @Override
            public Path open(Window owner, Request r) {
                File f = chooser(r).showOpenDialog(owner);
                return f == null ? null : f.toPath();
            }

            @Override
            public Path save(Window owner, Request r) {
                File f = chooser(r).showSaveDialog(owner);
                return f == null ? null : f.toPath();
            }

            @Override
            public Path folder(Window owner, Request r) {
                DirectoryChooser dc = new DirectoryChooser();
                dc.setTitle(r.title());
                if (r.startIn() != null && Files.isDirectory(r.startIn())) {
                    dc.setInitialDirectory(r.startIn().toFile());
                }
                File f = dc.showDialog(owner);
                return f == null ? null : f.toPath();
            }

            private FileChooser chooser(Request r) {
                FileChooser fc = new FileChooser();
                fc.setTitle(r.title());
                for (Filter f : r.filters()) {
                    fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.what(), f.patterns()));
                }
                if (r.startIn() != null && Files.isDirectory(r.startIn())) {
                    fc.setInitialDirectory(r.startIn().toFile());
                }
                if (r.suggestedName() != null) {
                    fc.setInitialFileName(r.suggestedName());
                }
                return fc;
            }
        };
    }
}
