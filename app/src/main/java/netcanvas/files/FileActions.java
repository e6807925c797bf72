package netcanvas.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
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
import netcanvas.onnx.OnnxImporter;
import netcanvas.presets.Presets;

/**
 * New, Open, Save, Save As, recent files, presets, autosave and the unsaved-changes question. Errors are
 * shown in a dialog naming the file and what went wrong; nothing here throws at the user.
 *
 * <p>Open also reads ONNX models: on a background thread (a 230 MB model takes a second), with the window's busy
 * indicator showing meanwhile; the network, laid out, and its weights then go into the document on the FX thread,
 * and the operators that could not be imported are listed in a dialog. A model whose input size is symbolic asks
 * for one first.
 */
public final class FileActions {
    private final Supplier<Window> owner;
    private final Document doc;
    private final UnaryOperator<Network> prepare;
    private final Runnable afterOpen;
    private final Consumer<String> tell;
    private final FilePicker picker;
    private final Busy busy;
    private final RecentFiles recent = RecentFiles.standard();
    private final Autosave autosave = Autosave.standard();
    private final Menu recentMenu = new Menu("Open Recent");
    private Timeline autosaveTimer;
    /** The model being read in the background, or null. */
    private CompletableFuture<Boolean> importing;
    /** The .onnx file the open document's weights came from, until the user has been told they stay there. */
    private Path weightsNote;

    /**
     * @param prepare   readies an opened network for the canvas (lays it out where positions are missing)
     * @param afterOpen runs once a network is open (fits the view)
     * @param tell      shows a short message in the status bar
     * @param busy      shows that a model is being read in the background
     */
    public FileActions(Supplier<Window> owner, Document doc, UnaryOperator<Network> prepare, Runnable afterOpen,
            Consumer<String> tell, FilePicker picker, Busy busy) {
        this.owner = owner;
        this.picker = picker;
        this.busy = busy;
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
        weightsNote = null;
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
        Path f = picker.open(owner.get(), request("Open network", "NetCanvas networks and ONNX models (*.json, *.onnx)",
                "*.json", "*.onnx").alsoOffering("NetCanvas network (*.json)", "*.json")
                .alsoOffering("ONNX models (*.onnx)", "*.onnx"));
        if (f != null) {
            openFile(f);
        }
    }

    /** Whether Open reads this file (a dropped file is opened only then). */
    public static boolean opens(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || OnnxImporter.isOnnxFile(name);
    }

    /** A file dropped on the window: opened like File > Open, after the unsaved-changes question. */
    public void openDropped(Path file) {
        if (!opens(file)) {
            tell.accept("Not opened: " + file.getFileName() + " is neither a NetCanvas network (.json) nor an ONNX"
                    + " model (.onnx)");
            return;
        }
        if (confirmDiscard()) {
            openFile(file);
        }
    }

    /**
     * Opens a network file; a broken file is reported with its name and the exact place of the problem. An ONNX
     * model is read in the background ({@link #openOnnx}): true then means the reading has started.
     */
    public boolean openFile(Path file) {
        if (OnnxImporter.isOnnxFile(file.toString())) {
            openOnnx(file, null);
            return true;
        }
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

    /**
     * Reads an ONNX model on a background thread, then (on the FX thread) opens it with its weights and lists the
     * operators that could not be imported. A model whose input size is symbolic first asks for one.
     *
     * @param input the input size to import with, or null for the model's own
     * @return completes on the FX thread once the model is open (true) or was not opened (false: a broken file,
     *         a cancelled question, another model still being read)
     */
    public CompletableFuture<Boolean> openOnnx(Path file, Input input) {
        if (importing != null) {
            tell.accept("Still opening another model: wait for it to finish");
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        importing = done;
        busy.start("Opening " + file.getFileName() + "\u2026");
        Busy.offFxThread("netcanvas-onnx-import", () -> {
            OnnxImporter.Imported im = OnnxImporter.read(file, input);
            // laying out a few hundred layers takes a moment too: do it here, off the FX thread
            return new OnnxImporter.Imported(prepare.apply(im.network()), im.weights(), im.problems(), im.opset());
        }).whenComplete((im, failure) -> Platform.runLater(() -> {
            busy.stop();
            importing = null;
            if (failure == null) {
                applyImport(file, im);
                done.complete(true);
            } else {
                importFailed(file, Busy.cause(failure), done);
            }
        }));
        return done;
    }

    private void applyImport(Path file, OnnxImporter.Imported im) {
        doc.open(im.network(), file, false, im.weights());
        weightsNote = im.weights().isEmpty() ? null : file;
        afterOpen.run();
        rebuildRecent(recent.touch(file));
        int n = im.problems().size();
        if (n == 0) {
            tell.accept("Opened " + file.getFileName());
            return;
        }
        tell.accept("Opened " + file.getFileName() + ": " + n + (n == 1 ? " operator" : " operators")
                + " not imported");
        StringBuilder s = new StringBuilder();
        for (var d : im.problems()) {
            s.append(s.length() == 0 ? "" : "\n\n").append(d.message());
        }
        // a list that scrolls: a model of another family can lack hundreds of operators
        javafx.scene.control.TextArea list = new javafx.scene.control.TextArea(s.toString());
        list.setId("import-problems-list");
        list.setEditable(false);
        list.setWrapText(true);
        list.setPrefRowCount(Math.min(14, 3 * n));
        javafx.scene.control.Label after = new javafx.scene.control.Label("The rest of the model is on the canvas"
                + " with its weights. Layers that read from a missing operator show an error: redraw the missing"
                + " part with NetCanvas layers, or change the source model and export it again.");
        after.setWrapText(true);
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(10, list, after);
        content.setPrefWidth(600);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.WARNING,
                "", ButtonType.OK);
        a.getDialogPane().setContent(content);
        a.initOwner(owner.get());
        a.setTitle("Imported with problems");
        a.setHeaderText(file.getFileName() + ": " + n + (n == 1 ? " ONNX operator has" : " ONNX operators have")
                + " no NetCanvas layer");
        a.getDialogPane().setId("import-problems");
        a.setResizable(true);
        a.show();
    }

    private void importFailed(Path file, Throwable e, CompletableFuture<Boolean> done) {
        String dims = e instanceof NetworkFormatException ? InputSizeDialog.symbolicDims(e.getMessage()) : null;
        if (dims != null) {
            tell.accept(file.getFileName() + " has a symbolic input size: give one to open it with");
            Optional<Input> size = InputSizeDialog.ask(owner.get(), file.getFileName().toString(), dims);
            if (size.isEmpty()) {
                tell.accept("Not opened: " + file.getFileName() + " needs an input size");
                done.complete(false);
            } else {
                openOnnx(file, size.get()).whenComplete((ok, x) -> done.complete(ok != null && ok));
            }
            return;
        }
        String message = e instanceof NetworkFormatException ? e.getMessage()
                : e instanceof OutOfMemoryError ? file + ": not enough memory to read it (" + e.getMessage()
                        + "); start NetCanvas with a larger -Xmx"
                : file + ": " + e;
        error("Cannot open " + file.getFileName(), message);
        done.complete(false);
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

    /** Saves to the open file; a document opened from an ONNX model is saved as a new NetCanvas file instead. */
    public boolean save() {
        return doc.file() == null || OnnxImporter.isOnnxFile(doc.file().toString()) ? saveAs() : saveTo(doc.file());
    }

    public boolean saveAs() {
        Path f = picker.save(owner.get(), request("Save network", "NetCanvas network", "*.json")
                .suggesting(doc.network().name() + ".json"));
        return f != null && saveTo(f, true);
    }

    /** "mynet" for mynet.json: the name a network takes when saved under a new file. */
    static String nameOf(Path file) {
        String n = String.valueOf(file.getFileName());
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * Saves atomically (temporary file, then a move), so a crash mid-save never leaves half a file. A NetCanvas
     * file holds the design only: the first save of an imported model says its weights stay in the .onnx file.
     */
    public boolean saveTo(Path file) {
        return saveTo(file, false);
    }

    /** @param rename whether the network takes the file's name (Save As), else it keeps its own (Save) */
    private boolean saveTo(Path file, boolean rename) {
        if (OnnxImporter.isOnnxFile(file.toString())) {
            error("Cannot save as " + file.getFileName(), "Save writes NetCanvas network files (.json). To write an"
                    + " ONNX model use File \u203a Export as ONNX\u2026");
            return false;
        }
        try {
            String name = rename ? nameOf(file) : doc.network().name();
            NetworkJson.write(doc.network().withName(name), file);
            doc.markSavedAs(file, name);
            rebuildRecent(recent.touch(file));
            autosave.clear();
            if (weightsNote != null) {
                tell.accept("Saved " + file.getFileName() + " (the design only: the weights stay in "
                        + weightsNote.getFileName() + ")");
                weightsNote = null;
            } else {
                tell.accept("Saved " + file.getFileName());
            }
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
            i.setMnemonicParsing(false); // preset names have underscores: mobilenet_v2, not "mobilenetv2"
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
    private FilePicker.Request request(String title, String what, String... patterns) {
        Path last = doc.file() != null ? doc.file() : recent.list().stream().findFirst().orElse(null);
        return FilePicker.Request.of(title, what, patterns).startingIn(last == null ? null : last.getParent());
    }

    /** True while a model is being read in the background. */
    public boolean importing() {
        return importing != null;
    }

    private void error(String header, String message) {
        Dialogs.error(owner.get(), header, message);
        tell.accept(header);
    }
}
