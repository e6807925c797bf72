package netcanvas.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Point2D;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import netcanvas.canvas.AutoLayout;
import netcanvas.canvas.BlockBrowser;
import netcanvas.canvas.CanvasModels;
import netcanvas.canvas.CanvasView;
import netcanvas.commands.ChangeSpec;
import netcanvas.commands.Document;
import netcanvas.files.FileActions;
import netcanvas.palette.PaletteEntry;
import netcanvas.graph.Network;
import netcanvas.inspector.InspectorView;
import netcanvas.palette.PaletteView;
import netcanvas.summary.StatusBar;
import netcanvas.summary.SummaryTable;
import netcanvas.training.TrainingPanel;

/**
 * The main window: palette (left), canvas (centre), inspector (right), summary table (below the canvas), totals in
 * the status bar. It only wires views to the document: every edit becomes a command, every command re-analyses the
 * network, and every view redraws from that analysis.
 */
public final class MainWindow {
    /** Below this zoom text is hard to read, so opening a tall network shows its top at this zoom instead. */
    static final double READABLE_ZOOM = 0.6;

    private final Stage stage;
    private final Document doc;
    private final CanvasView canvas = new CanvasView();
    private final BlockBrowser browser = new BlockBrowser(canvas);
    private final StatusBar status = new StatusBar();
    private final InspectorView inspector;
    private final SummaryTable summary;
    private final netcanvas.summary.ProblemsPanel problems = new netcanvas.summary.ProblemsPanel(this::reveal);
    private final javafx.scene.control.TabPane lowerTabs = new javafx.scene.control.TabPane();
    private final javafx.scene.control.Tab problemsTab = new javafx.scene.control.Tab();
    private SplitPane centreSplit;
    private final Notice notice = new Notice();
    /** The network the views last showed: a note in the status bar is stale once the network has changed. */
    private Network lastShown;
    private final PaletteView palette;
    private final EditActions edits;
    private final FileActions files;
    private final netcanvas.files.Exports exports;
    private final List<Shortcut> shortcuts;
    /**
     * Built when first asked for (the Train menu): building it was the largest part of building the window, which
     * starts with it closed. Until then its place beside the canvas is an empty dock.
     */
    private TrainingPanel training;
    private final javafx.scene.layout.StackPane trainingDock = new javafx.scene.layout.StackPane();
    private final netcanvas.files.FilePicker picker;
    /** View › Zoo Chart, Compare With and Cost Convention (netcanvas.insight). */
    private final netcanvas.insight.Insight insight;
    private final netcanvas.insight.ExplanationView explanation = new netcanvas.insight.ExplanationView();
    private final SplitPane workArea = new SplitPane();
    private final Scene scene;
    private BorderPane root;
    private final WindowSettings settings;
    private WindowLayout panels;
    /** Over the canvas while a model is read or written: a spinning indicator and what is happening. */
    private final javafx.scene.layout.VBox busyOverlay = new javafx.scene.layout.VBox(12);
    private final javafx.scene.control.Label busyNote = new javafx.scene.control.Label();
    /** View › Theme: the user's choice; the colours it means are applied to every window (netcanvas.theme). */
    private final javafx.beans.property.ObjectProperty<netcanvas.theme.Theme> theme =
            new javafx.beans.property.SimpleObjectProperty<>(netcanvas.theme.Theme.SYSTEM);
    private MenuItem undoItem;
    private MenuItem redoItem;

    public MainWindow(Stage stage) {
        this(stage, StartNetwork.lenet5());
    }

    public MainWindow(Stage stage, Network start) {
        this(stage, start, netcanvas.files.FilePicker.system());
    }

    /** @param picker asks the user for files and folders (the system dialogs, or a test's stand-in user) */
    public MainWindow(Stage stage, Network start, netcanvas.files.FilePicker picker) {
        this(stage, start, picker, WindowSettings.none());
    }

    /** @param settings what the window remembers between runs (read now, written when the window closes) */
    MainWindow(Stage stage, Network start, netcanvas.files.FilePicker picker, WindowSettings settings) {
        this.stage = stage;
        this.settings = settings;
        this.picker = picker;
        // before any view is made, so that each is drawn in the theme from the start
        theme.set(netcanvas.theme.Theme.parse(settings.get("view.theme", "system")));
        netcanvas.theme.Themes.apply(theme.get().colors());
        theme.addListener((o, was, now) -> netcanvas.theme.Themes.apply(now.colors()));
        this.doc = new Document(prepare(start));
        this.edits = new EditActions(doc, canvas);
        netcanvas.files.Busy busy = new WindowBusy();
        this.files = new FileActions(() -> stage, doc, MainWindow::prepare, this::fitForReading, this::tell,
                picker, busy);
        this.exports = new netcanvas.files.Exports(() -> stage, doc, this::tell, picker, busy);
        this.inspector = new InspectorView((id, spec) -> doc.execute(new ChangeSpec(id, spec)), this::rename);
        inspector.setOnChangeMany(specs -> doc.execute(new netcanvas.commands.ChangeSpecs(
                "Edit " + specs.size() + " layers", specs)));
        this.summary = new SummaryTable(this::reveal);
        status.onTimeEstimate(summary::showTimes);
        this.palette = new PaletteView(new PaletteDrop());
        this.insight = new netcanvas.insight.Insight(() -> stage, doc, files::openPreset, picker, this::tell);
        inspector.addSection(explanation);
        insight.cost().convention().addListener((o, was, now) -> showCost(now));
        canvas.enableEditing(new DocumentEditor(doc, this::refuse));
        canvas.setId("network-canvas");
        canvas.selection().addListener(s -> showInspector());
        browser.setOnEnter(id -> canvas.selection().set(List.of(id)));
        doc.addListener(d -> redraw());
        shortcuts = shortcuts();
        // 1400x900, or less on a smaller screen, unless the last run left another size
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double[] size = WindowLayout.size(settings, Math.min(1400, screen.getWidth() * 0.95),
                Math.min(900, screen.getHeight() * 0.92));
        scene = new Scene(layout(), size[0], size[1]);
        restoreSettings();
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::backspaceDeletes);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::undoPastAField);
        Shortcut.installAlternatives(shortcuts, scene);
        acceptDroppedFiles();
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (files.confirmDiscard()) {
                rememberSettings();
                files.closeClean();
            } else {
                e.consume();
            }
        });
        redraw();
    }

    /**
     * Lays out a network whose nodes have no positions yet (presets, hand-written files). A placed network is taken
     * as it is without touching AutoLayout, whose class brings the ELK layout engine with it (a good part of the
     * window's start, which shows a placed network).
     */
    static Network prepare(Network n) {
        boolean placed = n.nodes().stream().allMatch(node -> node.position() != null);
        return placed ? n : AutoLayout.apply(n);
    }

    /** A .json or .onnx file dragged from the desktop onto the window opens like File > Open. */
    private void acceptDroppedFiles() {
        scene.setOnDragOver(e -> {
            Dragboard db = e.getDragboard();
            if (db.hasFiles() && db.getFiles().size() == 1 && FileActions.opens(db.getFiles().get(0).toPath())
                    && !files.importing()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            boolean ok = db.hasFiles() && db.getFiles().size() == 1;
            if (ok) {
                java.nio.file.Path f = db.getFiles().get(0).toPath();
                // asked after the drop ends: a dialog inside the platform's drag-and-drop loop can hang it
                javafx.application.Platform.runLater(() -> files.openDropped(f));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private BorderPane layout() {
        javafx.scene.control.Tab summaryTab = new javafx.scene.control.Tab("Summary", summary);
        summaryTab.setId("tab-summary");
        problemsTab.setContent(problems);
        problemsTab.setId("tab-problems");
        lowerTabs.getTabs().setAll(summaryTab, problemsTab);
        lowerTabs.setId("lower-tabs");
        lowerTabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        status.setOnProblems(this::showProblems);
        SplitPane centre = new SplitPane(new javafx.scene.layout.StackPane(browser, notice), lowerTabs);
        centre.setOrientation(javafx.geometry.Orientation.VERTICAL);
        centre.setDividerPositions(settings.number("summary.divider", 0.72));
        centreSplit = centre;
        busyOverlay.setId("busy-overlay");
        busyOverlay.setAlignment(javafx.geometry.Pos.CENTER);
        busyOverlay.setStyle("-fx-background-color: -nc-overlay;");
        busyOverlay.setVisible(false);
        busyNote.setId("busy-note");
        busyNote.setStyle("-fx-font-size: 15px;");
        javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
        spinner.setPrefSize(56, 56);
        busyOverlay.getChildren().setAll(spinner, busyNote);
        // the training panel docks to the right of the canvas when opened (Train menu)
        panels = new WindowLayout(stage, palette, new javafx.scene.layout.StackPane(workArea, busyOverlay), inspector,
                workArea, centre, trainingDock, settings);
        root = new BorderPane(panels.node());
        root.setTop(menuBar());
        root.setBottom(status);
        return root;
    }

    public void show() {
        panels.placeWindow();
        stage.show();
        panels.layoutNow(); // the canvas gets its width before it is fitted
        canvas.requestFocus(); // the keys act on the network at first, not on the palette's search field
        fitForReading();
    }

    /** Fits the network to the view, but never below a readable zoom: then the top of the network is shown. */
    void fitForReading() {
        canvas.applyCss();
        canvas.layout();
        canvas.fit(READABLE_ZOOM);
    }

    private void redraw() {
        var a = doc.analysis();
        canvas.show(CanvasModels.network(a));
        browser.show(a);
        summary.show(a);
        problems.show(a);
        problemsTab.setText(netcanvas.summary.ProblemsPanel.title(a));
        if (lastShown != null && lastShown != a.network()) {
            status.clearNote(); // what it said was about the network before this edit
        }
        lastShown = a.network();
        status.show(a);
        if (training != null) {
            training.setNetwork(a);
        }
        showInspector();
        stage.setTitle(title(doc));
        if (undoItem != null) {
            undoItem.setText(doc.canUndo() ? "Undo " + doc.undoName() : "Undo");
            undoItem.setDisable(!doc.canUndo());
            redoItem.setText(doc.canRedo() ? "Redo " + doc.redoName() : "Redo");
            redoItem.setDisable(!doc.canRedo());
        }
    }

    /** "resnet50.onnx — NetCanvas", "lenet5 (unsaved) — NetCanvas", with " *" after the name when changed. */
    static String title(Document doc) {
        String name = doc.file() == null ? doc.network().name() + " (unsaved)"
                : String.valueOf(doc.file().getFileName());
        return name + (doc.dirty() ? " *" : "") + " \u2014 NetCanvas";
    }

    /**
     * A note (a file saved, opened or exported) in the status bar; over the canvas as well when the bar has no room
     * to show it whole, so that it is read.
     */
    void tell(String note) {
        status.tell(note);
        if (!note.isEmpty() && !status.noteShownWhole()) {
            notice.inform(note);
        }
    }

    /** A refused action: said in the status bar and in a notice over the canvas, where the user is looking. */
    void refuse(String why) {
        status.tell(why);
        notice.show(why);
    }

    /** Shows the Problems list below the canvas (from the status bar's counts). */
    void showProblems() {
        lowerTabs.getSelectionModel().select(problemsTab);
        problems.requestFocus();
    }

    private Optional<String> rename(String from, String to) {
        Optional<String> refusal = doc.execute(new netcanvas.commands.RenameNode(from, to));
        if (refusal.isEmpty()) {
            canvas.selection().set(List.of(to));
        }
        return refusal;
    }

    /** One node selected: its parameters; several of one kind: their shared parameters, edited together. */
    private void showInspector() {
        String id = canvas.selection().single();
        List<netcanvas.graph.Node> chosen = doc.network().nodes().stream()
                .filter(n -> canvas.selection().contains(n.id())).toList();
        boolean oneKind = chosen.size() > 1 && chosen.stream()
                .map(n -> netcanvas.graph.LayerKinds.of(n.spec())).distinct().count() == 1;
        if (oneKind) {
            inspector.showMany(chosen, doc.analysis());
        } else {
            inspector.show(id == null ? null : doc.network().node(id), doc.analysis());
        }
        explanation.show(id == null || doc.network().node(id) == null ? null : id, doc.analysis());
    }

    /** Selects a node and scrolls it into the middle of the canvas (from the summary table). */
    void reveal(String id) {
        if (doc.network().node(id) == null) {
            return;
        }
        while (browser.up()) {
            // back to the network, where the node is
        }
        canvas.selection().set(List.of(id));
        canvas.centerOn(id);
    }

    /** The cost convention chosen in View › Cost Convention: every count shown and exported follows it. */
    private void showCost(netcanvas.report.CostConvention c) {
        status.setCost(c);
        summary.setCost(c);
        inspector.setCost(c);
        exports.setCost(c);
        showInspector();
    }

    // ---- menus and keys

    private List<Shortcut> shortcuts() {
        return List.of(
                Shortcut.of("File", "New", "Shortcut+N", files::newDocument),
                Shortcut.of("File", "Open\u2026", "Shortcut+O", files::open),
                Shortcut.of("File", "@recent", null, null),
                Shortcut.of("File", "@presets", null, null),
                Shortcut.separator("File"),
                Shortcut.of("File", "Save", "Shortcut+S", files::save),
                Shortcut.of("File", "Save As\u2026", "Shortcut+Shift+S", files::saveAs),
                Shortcut.separator("File"),
                Shortcut.of("File", "Export Canvas as PNG\u2026", "Shortcut+E",
                        () -> exports.png(canvas::picture)),
                Shortcut.of("File", "Export Canvas as SVG\u2026", "Shortcut+Alt+E",
                        () -> exports.svg(() -> netcanvas.canvas.SvgExport.of(canvas))),
                Shortcut.of("File", "Export Summary as CSV\u2026", "Shortcut+Shift+E", exports::csv),
                Shortcut.of("File", "Export Summary as Markdown\u2026", "Shortcut+Shift+M", exports::markdown),
                Shortcut.of("File", "Export as PyTorch\u2026", "Shortcut+Shift+P", exports::pytorch),
                Shortcut.of("File", "Export as ONNX\u2026", "Shortcut+Shift+X", exports::onnx),
                Shortcut.separator("File"),
                Shortcut.of("File", "Quit", "Shortcut+Q", this::quit),
                // in a field with nothing of its own to undo (one just applied), the keys undo the document
                Shortcut.of("Edit", "Undo", "Shortcut+Z", textAware(doc::undo, t -> {
                    if (t.isUndoable()) {
                        t.undo();
                    } else {
                        doc.undo();
                    }
                })),
                Shortcut.of("Edit", "Redo", "Shortcut+Shift+Z", textAware(doc::redo, t -> {
                    if (t.isRedoable()) {
                        t.redo();
                    } else {
                        doc.redo();
                    }
                }))
                        .or("Shortcut+Y"),
                Shortcut.separator("Edit"),
                Shortcut.of("Edit", "Cut", "Shortcut+X",
                        textAware(editable(edits::cut), TextInputControl::cut)),
                Shortcut.of("Edit", "Copy", "Shortcut+C", textAware(edits::copy, TextInputControl::copy)),
                Shortcut.of("Edit", "Paste", "Shortcut+V",
                        textAware(editable(edits::paste), TextInputControl::paste)),
                Shortcut.of("Edit", "Duplicate", "Shortcut+D", editable(edits::duplicate)),
                Shortcut.of("Edit", "Delete", "Delete",
                        textAware(editable(edits::delete), TextInputControl::deleteNextChar)),
                Shortcut.of("Edit", "Select All", "Shortcut+A", textAware(edits::selectAll,
                        TextInputControl::selectAll)),
                Shortcut.of("Edit", "Find Layer in Palette\u2026", "Shortcut+K", palette::focusSearch),
                Shortcut.of("View", "Zoom In", "Shortcut+=", () -> browser.current().zoomBy(1.25)),
                Shortcut.of("View", "Zoom Out", "Shortcut+-", () -> browser.current().zoomBy(0.8)),
                Shortcut.of("View", "Actual Size", "Shortcut+0",
                        () -> browser.current().zoomBy(1 / browser.current().zoomFactor())),
                Shortcut.of("View", "Fit to View", "Shortcut+F", () -> browser.current().fit()),
                Shortcut.of("View", "Auto-layout", "Shortcut+L", editable(this::autoLayout)),
                Shortcut.separator("View"),
                Shortcut.of("View", "Show/Hide Palette", "Shortcut+1", () -> panels.togglePalette()),
                Shortcut.of("View", "Show/Hide Inspector", "Shortcut+2", () -> panels.toggleInspector()),
                Shortcut.of("View", "Show/Hide Minimap", "Shortcut+M",
                        () -> canvas.minimapWantedProperty().set(!canvas.minimapWantedProperty().get())),
                Shortcut.of("View", "Problems", "Shortcut+3", this::showProblems),
                Shortcut.of("View", "Out of Block", "Escape", textAware(this::escape, t -> { })),
                Shortcut.separator("View"),
                Shortcut.of("View", "Zoo Chart", null, insight::zooChart),
                Shortcut.of("View", "@insight", null, null),
                Shortcut.of("View", "@theme", null, null),
                Shortcut.of("Train", "Training Panel", "Shortcut+T", this::toggleTraining),
                Shortcut.of("Train", "Start Training", "F5", () -> {
                    showTraining();
                    training().start();
                }),
                Shortcut.of("Train", "Stop Training", "Shift+F5", () -> {
                    if (training != null) {
                        training.stop();
                    }
                }),
                Shortcut.of("Help", "Keyboard Shortcuts", "F1", () -> HelpDialogs.shortcuts(stage, shortcuts)),
                Shortcut.of("Help", "Mouse", null, () -> HelpDialogs.mouse(stage)));
    }

    private MenuBar menuBar() {
        var menus = Shortcut.menus(shortcuts, Map.of("@recent", List.of(files.recentMenu()),
                "@presets", List.of(files.presetsMenu()),
                "@insight", List.of(insight.compareMenu(), insight.cost().menu()),
                "@theme", List.of(netcanvas.theme.ThemeMenu.of(theme))));
        MenuBar bar = new MenuBar();
        bar.getMenus().setAll(menus);
        for (var m : menus) {
            for (MenuItem i : m.getItems()) {
                if ("item-undo".equals(i.getId())) {
                    undoItem = i;
                } else if ("item-redo".equals(i.getId())) {
                    redoItem = i;
                }
            }
        }
        return bar;
    }

    /** Edits apply to the network view only: inside a block (read-only) they explain instead. */
    private Runnable editable(Runnable action) {
        return () -> {
            if (browser.inBlock()) {
                refuse("The inside of a block is read-only: edit the block's parameters, or press Escape");
            } else {
                action.run();
            }
        };
    }

    /** Runs the text action instead when a text field has the focus (so Ctrl+C in the inspector copies text). */
    private Runnable textAware(Runnable action, Consumer<TextInputControl> textAction) {
        return () -> {
            if (scene != null && scene.getFocusOwner() instanceof TextInputControl t) {
                textAction.accept(t);
            } else {
                action.run();
            }
        };
    }

    /** Backspace deletes like Delete; Escape leaves a block view (both only outside text fields). */
    private void backspaceDeletes(KeyEvent e) {
        if (status.isBusy()) {
            e.consume(); // no shortcuts while a model is read or written: its result replaces what they would do
            return;
        }
        if (scene.getFocusOwner() instanceof TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.BACK_SPACE) {
            editable(edits::delete).run();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            escape();
            e.consume();
        }
    }

    private static final javafx.scene.input.KeyCombination UNDO =
            javafx.scene.input.KeyCombination.keyCombination("Shortcut+Z");
    private static final javafx.scene.input.KeyCombination REDO =
            javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+Z");
    private static final javafx.scene.input.KeyCombination REDO_Y =
            javafx.scene.input.KeyCombination.keyCombination("Shortcut+Y");

    /**
     * Undo and redo in a text field that has nothing of its own to undo (an inspector field just applied, which
     * keeps the focus) act on the document: the field would otherwise swallow the keys and do nothing.
     */
    private void undoPastAField(KeyEvent e) {
        if (!(scene.getFocusOwner() instanceof TextInputControl t) || status.isBusy()) {
            return;
        }
        if (UNDO.match(e) && !t.isUndoable()) {
            doc.undo();
            e.consume();
        } else if ((REDO.match(e) || REDO_Y.match(e)) && !t.isRedoable()) {
            doc.redo();
            e.consume();
        }
    }

    private void escape() {
        if (!browser.up()) {
            canvas.selection().clear();
        }
    }

    /** Opens the training panel beside the canvas, or closes it (a run goes on while it is closed). */
    public void toggleTraining() {
        if (panels.trainingShown()) {
            panels.hideTraining();
        } else {
            showTraining();
        }
    }

    public void showTraining() {
        training();
        panels.showTraining();
    }

    /** Status bar choices, PNG scale, training settings and the lower tab, as the last run left them. */
    private void restoreSettings() {
        try {
            status.batch().getValueFactory().setValue(Integer.parseInt(settings.get("status.batch", "32")));
        } catch (NumberFormatException e) {
            // the default stays
        }
        try {
            status.optimizer().setValue(netcanvas.analysis.Optimizer.parse(settings.get("status.optimizer", "adam")));
        } catch (IllegalArgumentException e) {
            // a name this version does not know: the default stays
        }
        exports.setPngScale((int) settings.number("export.pngScale", 1));
        canvas.minimapWantedProperty().set(settings.flag("view.minimap", true));
        // one choice for the network and the inside of a block
        browser.inside().minimapWantedProperty().bindBidirectional(canvas.minimapWantedProperty());
        if (settings.flag("problems.shown", false)) {
            lowerTabs.getSelectionModel().select(problemsTab);
        }
    }

    /** Writes what the next run restores (on close). */
    void rememberSettings() {
        panels.remember();
        settings.put("summary.divider", centreSplit.getDividerPositions()[0]);
        settings.put("status.batch", status.batch().getValue());
        settings.put("status.optimizer", status.optimizer().getValue().spelling());
        settings.put("export.pngScale", exports.pngScale());
        if (training != null) { // else the last run's training settings stay as they are
            training.settings().values().forEach((k, v) -> settings.put("train." + k, v));
        }
        settings.put("view.theme", theme.get().spelling());
        settings.put("view.minimap", canvas.minimapWantedProperty().get());
        settings.put("problems.shown", lowerTabs.getSelectionModel().getSelectedItem() == problemsTab);
        settings.save();
    }

    void autoLayout() {
        doc.execute(AutoLayout.command(doc.network()));
        canvas.fit();
    }

    private void quit() {
        if (files.confirmDiscard()) {
            rememberSettings();
            files.closeClean();
            stage.close();
        }
    }

    // ---- wiring

    /**
     * While a model is read or written in the background: an indicator spins over the canvas, the status bar says
     * what is happening, and the window takes no edits (its menus, palette, canvas and inspector are disabled), so
     * nothing is lost when the result arrives.
     */
    private final class WindowBusy implements netcanvas.files.Busy {
        private javafx.scene.Node focus;

        @Override
        public void start(String note) {
            focus = scene == null ? null : scene.getFocusOwner();
            status.busy(note);
            setDisabled(true);
        }

        @Override
        public void stop() {
            status.idle();
            setDisabled(false);
            // disabling moved the focus to the status bar's batch field: give it back
            (focus != null && focus.getScene() == scene ? focus : canvas).requestFocus();
            focus = null;
        }

        private void setDisabled(boolean off) {
            busyNote.setText(status.message());
            busyOverlay.setVisible(off);
            if (root != null) {
                root.getTop().setDisable(off);
                palette.setDisable(off);
                workArea.setDisable(off);
                inspector.setDisable(off);
            }
        }
    }

    /** Palette drops land on the network canvas; the inside of a block is read-only. */
    private final class PaletteDrop implements PaletteView.DropTarget {
        @Override
        public void hover(PaletteEntry entry, double sceneX, double sceneY) {
            boolean over = overCanvas(sceneX, sceneY);
            status.tell(over ? "Release to add " + entry.title() : "Drag onto the canvas");
            canvas.showGhost(over ? canvas.toWorld(sceneX, sceneY) : null);
        }

        @Override
        public void drop(PaletteEntry entry, double sceneX, double sceneY) {
            canvas.showGhost(null);
            if (browser.inBlock()) {
                refuse("The inside of a block is read-only: go back to the network to add layers");
            } else if (overCanvas(sceneX, sceneY)) {
                String id = edits.addAt(entry, canvas.toWorld(sceneX, sceneY));
                status.tell("Added " + id);
            } else {
                status.tell("");
            }
        }

        @Override
        public void add(PaletteEntry entry) {
            if (browser.inBlock()) {
                refuse("The inside of a block is read-only: go back to the network to add layers");
            } else {
                edits.addInView(entry);
            }
        }

        private boolean overCanvas(double sceneX, double sceneY) {
            Point2D p = canvas.sceneToLocal(sceneX, sceneY);
            return p != null && canvas.isVisible() && canvas.contains(p);
        }
    }

    // ---- for tests and the benchmark

    public Document document() {
        return doc;
    }

    public FileActions files() {
        return files;
    }

    public netcanvas.files.Exports exports() {
        return exports;
    }

    public CanvasView canvas() {
        return canvas;
    }

    public BlockBrowser browser() {
        return browser;
    }

    public StatusBar status() {
        return status;
    }

    public SummaryTable summary() {
        return summary;
    }

    public InspectorView inspector() {
        return inspector;
    }

    /** The training panel, built (with the last run's settings and this network) when first asked for. */
    public TrainingPanel training() {
        if (training == null) {
            netcanvas.train.NativeSetup.await(); // ND4J's memory cap and natives, set while the window was built
            training = new TrainingPanel(picker);
            for (var e : training.settings().values().keySet()) {
                String v = settings.get("train." + e, null);
                if (v != null) {
                    try {
                        training.settings().set(e, v);
                    } catch (IllegalArgumentException ignored) {
                        // a setting this version no longer has
                    }
                }
            }
            training.setNetwork(doc.analysis());
            trainingDock.getChildren().setAll(training);
        }
        return training;
    }

    public netcanvas.summary.ProblemsPanel problems() {
        return problems;
    }

    /** The banner over the canvas that shows refusals. */
    public javafx.scene.control.Label notice() {
        return notice;
    }

    public PaletteView palette() {
        return palette;
    }

    public netcanvas.insight.Insight insight() {
        return insight;
    }

    public netcanvas.insight.ExplanationView explanation() {
        return explanation;
    }

    /** View > Show/Hide Inspector. */
    void toggleInspectorForTest() {
        panels.toggleInspector();
    }

    /** View > Show/Hide Palette. */
    void togglePaletteForTest() {
        panels.togglePalette();
    }

    /** The Help menu's list of shortcuts. */
    public String shortcutTable() {
        return Shortcut.table(shortcuts);
    }

    /** View › Theme's choice (System, Light or Dark). */
    public javafx.beans.property.ObjectProperty<netcanvas.theme.Theme> theme() {
        return theme;
    }

    public Scene scene() {
        return scene;
    }
}
