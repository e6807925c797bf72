package netcanvas.app;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;
import netcanvas.files.FilePicker;

/**
 * The user at the file dialog, for headless tests where no native dialog can open: answers each question with the
 * next scripted path (an empty answer is Cancel) and keeps what each dialog asked, so a test can check the title,
 * file type and suggested name a user would have seen.
 */
final class ScriptedPicker implements FilePicker {
    /** One question the application asked: which dialog, and what it showed. */
    record Asked(String dialog, Request request) {
    }

    private final Deque<Optional<Path>> answers = new ArrayDeque<>();
    private final List<Asked> asked = new ArrayList<>();

    /** The next dialog gets this path. */
    ScriptedPicker answer(Path p) {
        answers.add(Optional.of(p));
        return this;
    }

    /** The next dialog is cancelled. */
    ScriptedPicker cancel() {
        answers.add(Optional.empty());
        return this;
    }

    List<Asked> asked() {
        return List.copyOf(asked);
    }

    Asked last() {
        return asked.get(asked.size() - 1);
    }

    private Path next(String dialog, Request r) {
        asked.add(new Asked(dialog, r));
        if (answers.isEmpty()) {
            throw new AssertionError("an unexpected " + dialog + " dialog: " + r.title());
        }
        return answers.poll().orElse(null);
    }

    @Override
    public Path open(Window owner, Request r) {
        return next("open", r);
    }

    @Override
    public Path save(Window owner, Request r) {
        return next("save", r);
    }

    @Override
    public Path folder(Window owner, Request r) {
        return next("folder", r);
    }
}
