package netcanvas.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import javafx.util.Duration;
import netcanvas.commands.Document;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.io.NetworkFormatException;
import netcanvas.io.NetworkJson;
import netcanvas.presets.Presets;

/**
 * New, Open, Save, Save As, recent files, presets, autosave and the unsaved-changes question. Errors are
 * shown in a dialog naming the file and what went wrong; nothing here throws at the user.
 */
public final class FileActions {
    private final Supplier<Window> owner;
    private final Document doc;
    private final UnaryOperator<Network> prepare;
    private final Runnable afterOpen;
    private final Consumer<String> tell;
    private final FilePicker picker;
    private final RecentFiles recent = RecentFiles.standard();
    private final Autosave autosave = Autosave.standard();
    private final Menu recentMenu = new Menu("Open Recent");
    private Timeline autosaveTimer;

    /**
     * @param prepare   readies an opened network for the canvas (lays it out where positions are missing)
     * @param afterOpen runs once a network is open (fits the view)
     * @param tell      shows a short message in the status bar
     */
    public FileActions(Supplier<Window> owner, Document doc, UnaryOperator<Network> prepare, Runnable afterOpen,
            Consumer<String> tell, FilePicker picker) {
        this.owner = owner;
        this.picker = picker;
        this.doc = doc;
        this.prepare = prepare;
        this.afterOpen = afterOpen;
        this.tell = tell;
        recentMenu.setId("menu-recent");
        rebuildRecent(recent.list());
    }

    /** A fresh network holding one 3x224x224 Input. */
    public static Network blank() {
        return new Network("untitled",
                List.of(new Node("input", new Input(3, 224, 224), List.of(), new Node.Position(0, 0))));
    }

    /** Puts a network into the document, forgetting the undo history. */
    public void load(Network n, Path file, boolean dirty) {
        doc.open(prepare.apply(n), file, dirty);
        afterOpen.run();
    }

    public void newDocument() {
        if (confirmDiscard()) {
            load(blank(), null, false);
        }
    }

    public void open() {
        if (!confirmDiscard()) {
            return;
        }
        Path f = picker.open(owner.get(), request("Open network"));
        if (f != null) {
            openFile(f);
        }
    }

    /** Opens a network file; a broken file is reported with its name and the exact place of the problem. */
    public boolean openFile(Path file) {
        try {
            Network n = NetworkJson.read(file);
            load(n, file, false);
            rebuildRecent(recent.touch(file));
            tell.accept("Opened " + file.getFileName());
            return true;
        } catch (NetworkFormatException e) {
            error("Cannot open " + file.getFileName(), e.getMessage());
            return false;
        }
    }

    /** Opens a preset as an unsaved copy (Save asks where to put it). */
    public void openPreset(String name) {
        if (!confirmDiscard()) {
            return;
        }
        try {
            load(Presets.load(name), null, false);
            tell.accept("Opened preset " + name + " (unsaved copy)");
        } catch (NetworkFormatException e) {
            error("Cannot open preset " + name, e.getMessage());
        }
    }

    public boolean save() {
        return doc.file() == null ? saveAs() : saveTo(doc.file());
    }

    public boolean saveAs() {
        Path f = picker.save(owner.get(), request("Save network").suggesting(doc.network().name() + ".json"));
        return f != null && saveTo(f);
    }

    /** Saves atomically (temporary file, then a move), so a crash mid-save never leaves half a file. */
    public boolean saveTo(Path file) {
        try {
            NetworkJson.write(doc.network(), file);
            doc.markSaved(file);
            rebuildRecent(recent.touch(file));
            autosave.clear();
            tell.accept("Saved " + file.getFileName());
            return true;
        } catch (IOException e) {
            error("Cannot save " + file, e.getMessage() + "\nChoose another folder or free some space.");
            return false;
        }
    }

    /** Asks what to do with unsaved changes; true when it is fine to drop the current document. */
    public boolean confirmDiscard() {
        if (!doc.dirty()) {
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Save changes to " + doc.network().name() + "?", save,
                discard, ButtonType.CANCEL);
        a.initOwner(owner.get());
        a.setHeaderText("The network has unsaved changes.");
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        return answer.get() != save || save();
    }

    // ---- autosave and recovery

    /** Writes the recovery file every 30 s while there are unsaved changes. */
    public void startAutosave() {
        autosaveTimer = new Timeline(new KeyFrame(Duration.seconds(Autosave.PERIOD_SECONDS), e -> autosaveNow()));
        autosaveTimer.setCycleCount(Timeline.INDEFINITE);
        autosaveTimer.play();
    }

    public void autosaveNow() {
        if (doc.dirty()) {
            try {
                autosave.write(doc.network());
            } catch (IOException e) {
                tell.accept("Autosave failed: " + e.getMessage());
            }
        }
    }

    /** After a session that did not end cleanly, offers to restore its unsaved work. */
    public void offerRecovery() {
        Network left = autosave.pending();
        if (left == null) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "NetCanvas did not close normally last time. Restore the "
                + "unsaved network \"" + left.name() + "\"?", ButtonType.YES, ButtonType.NO);
        a.initOwner(owner.get());
        a.setHeaderText("Unsaved work found");
        if (a.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) {
            load(left, null, true);
            tell.accept("Restored unsaved work; save it to keep it");
        } else {
            autosave.clear();
        }
    }

    /** Ends the session cleanly: the recovery file is no longer needed. */
    public void closeClean() {
        if (autosaveTimer != null) {
            autosaveTimer.stop();
        }
        autosave.clear();
    }

    // ---- menus and dialogs

    public Menu recentMenu() {
        return recentMenu;
    }

    public Menu presetsMenu() {
        Menu m = new Menu("Presets");
        m.setId("menu-presets");
        for (String name : Presets.NAMES) {
            MenuItem i = new MenuItem(name);
            i.setOnAction(e -> openPreset(name));
            m.getItems().add(i);
        }
        return m;
    }

    private void rebuildRecent(List<Path> files) {
        recentMenu.getItems().clear();
        for (Path f : files) {
            MenuItem i = new MenuItem(f.toString());
            i.setMnemonicParsing(false);
            i.setOnAction(e -> {
                if (confirmDiscard()) {
                    openFile(f);
                }
            });
            recentMenu.getItems().add(i);
        }
        recentMenu.setDisable(files.isEmpty());
    }

    /** A dialog for network files, starting in the open document's folder, or else the last one used. */
    private FilePicker.Request request(String title) {
        Path last = doc.file() != null ? doc.file() : recent.list().stream().findFirst().orElse(null);
        return FilePicker.Request.of(title, "NetCanvas network", "*.json")
                .startingIn(last == null ? null : last.getParent());
    }

    private void error(String header, String message) {
        Dialogs.error(owner.get(), header, message);
        tell.accept(header);
    }
}
