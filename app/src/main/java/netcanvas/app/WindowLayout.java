package netcanvas.app;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/**
 * The panels beside the canvas: palette (left), inspector (right) and the training panel (right of the canvas),
 * in split panes whose dividers the user drags. Palette and inspector can be hidden and shown again at the width
 * they had; the canvas keeps a usable width: opening the training panel in a narrow window (1280 px) hides the
 * palette until the panel closes. Sizes, what is shown and the window's own size and place are remembered in the
 * {@link WindowSettings}.
 */
final class WindowLayout {
    /** Below this the canvas is too narrow to work in (a box is 210 px wide at 100 %). */
    static final double MIN_CANVAS = 600;
    /** The training panel's settings need this much. */
    static final double MIN_TRAINING = 340;
    private static final double DIVIDER = 8;

    private final Stage stage;
    private final Region palette;
    private final Region centre;
    private final Region inspector;
    private final SplitPane workArea;
    private final Region canvasArea;
    private final Region training;
    private final WindowSettings settings;
    private final SplitPane main = new SplitPane();
    private double paletteWidth;
    private double inspectorWidth;
    private double trainingWidth;
    private boolean paletteShown;
    private boolean inspectorShown;
    /** The palette was hidden to make room for the training panel (and comes back when it closes). */
    private boolean paletteMadeRoom;

    /**
     * @param centre     the middle of the window (the work area with its overlays)
     * @param workArea   the split holding the canvas area and, when open, the training panel
     * @param canvasArea the canvas and summary (the work area's first item)
     */
    WindowLayout(Stage stage, Region palette, Region centre, Region inspector, SplitPane workArea, Region canvasArea,
            Region training, WindowSettings settings) {
        this.stage = stage;
        this.palette = palette;
        this.centre = centre;
        this.inspector = inspector;
        this.workArea = workArea;
        this.canvasArea = canvasArea;
        this.training = training;
        this.settings = settings;
        paletteWidth = settings.number("palette.width", 200);
        inspectorWidth = settings.number("inspector.width", 270);
        trainingWidth = settings.number("training.width", 420);
        paletteShown = settings.flag("palette.shown", true);
        inspectorShown = settings.flag("inspector.shown", true);
        main.setId("main-split");
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(inspector, false);
        SplitPane.setResizableWithParent(training, false);
        workArea.getItems().setAll(canvasArea);
        arrange();
    }

    Region node() {
        return main;
    }

    /** The window's size from the settings (or the given default, as large as fits this screen). */
    static double[] size(WindowSettings s, double defaultWidth, double defaultHeight) {
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = Math.min(s.number("window.width", defaultWidth), screen.getWidth());
        double h = Math.min(s.number("window.height", defaultHeight), screen.getHeight());
        return new double[] {Math.max(640, w), Math.max(480, h)};
    }

    /** Puts the window where it was, when that place is still on a screen. */
    void placeWindow() {
        if (settings.has("window.x") && settings.has("window.y")) {
            double x = settings.number("window.x", 0);
            double y = settings.number("window.y", 0);
            if (!javafx.stage.Screen.getScreensForRectangle(x, y, 100, 100).isEmpty()) {
                stage.setX(x);
                stage.setY(y);
            }
        }
        stage.setMaximized(settings.flag("window.maximized", false));
    }

    void togglePalette() {
        capture();
        paletteShown = !paletteShown;
        paletteMadeRoom = false;
        arrange();
    }

    void toggleInspector() {
        capture();
        inspectorShown = !inspectorShown;
        arrange();
    }

    boolean paletteShown() {
        return paletteShown;
    }

    boolean inspectorShown() {
        return inspectorShown;
    }

    boolean trainingShown() {
        return workArea.getItems().contains(training);
    }

    /** Opens the training panel at its last width; in a narrow window the palette makes room for it. */
    void showTraining() {
        if (trainingShown()) {
            return;
        }
        capture();
        double free = windowWidth() - (paletteShown ? paletteWidth : 0) - (inspectorShown ? inspectorWidth : 0)
                - trainingWidth;
        if (free < MIN_CANVAS && paletteShown) {
            paletteShown = false;
            paletteMadeRoom = true;
        }
        workArea.getItems().add(training);
        arrange();
    }

    void hideTraining() {
        if (!trainingShown()) {
            return;
        }
        capture();
        workArea.getItems().remove(training);
        if (paletteMadeRoom) {
            paletteShown = true;
            paletteMadeRoom = false;
        }
        arrange();
    }

    /** Sets the dividers for the window's present width and lays the panes out now (before the canvas is fitted). */
    void layoutNow() {
        dividers();
        main.applyCss();
        main.layout();
        workArea.layout();
    }

    /** Reads the widths the user gave the panels by dragging their dividers. */
    private void capture() {
        if (main.getWidth() <= 0) {
            return;
        }
        if (main.getItems().contains(palette) && palette.getWidth() > 0) {
            paletteWidth = palette.getWidth();
        }
        if (main.getItems().contains(inspector) && inspector.getWidth() > 0) {
            inspectorWidth = inspector.getWidth();
        }
        if (trainingShown() && training.getWidth() > 0) {
            trainingWidth = training.getWidth();
        }
    }

    private double windowWidth() {
        return main.getWidth() > 0 ? main.getWidth() : stage.getScene() != null ? stage.getScene().getWidth()
                : stage.getWidth();
    }

    /** Sets the panes shown and the dividers at the remembered widths. */
    private void arrange() {
        List<javafx.scene.Node> items = new ArrayList<>();
        if (paletteShown) {
            items.add(palette);
        }
        items.add(centre);
        if (inspectorShown) {
            items.add(inspector);
        }
        main.getItems().setAll(items);
        dividers();
        // the split has its width only after the next layout pass: set the dividers again then
        Platform.runLater(this::dividers);
    }

    private void dividers() {
        double w = windowWidth();
        if (w <= 0) {
            return;
        }
        if (paletteShown && inspectorShown) {
            main.setDividerPositions(paletteWidth / w, 1 - inspectorWidth / w);
        } else if (paletteShown) {
            main.setDividerPositions(paletteWidth / w);
        } else if (inspectorShown) {
            main.setDividerPositions(1 - inspectorWidth / w);
        }
        if (trainingShown()) {
            double work = workArea.getWidth() > 0 ? workArea.getWidth()
                    : w - (paletteShown ? paletteWidth : 0) - (inspectorShown ? inspectorWidth : 0);
            // narrower than the user left it when that is what keeps the canvas workable, but never unusable
            double panel = Math.max(MIN_TRAINING, Math.min(trainingWidth, work - MIN_CANVAS - DIVIDER));
            workArea.setDividerPositions(Math.max(0.3, 1 - panel / Math.max(1, work)));
        }
    }

    /** Writes the layout and the window's size and place into the settings (then saved with the rest). */
    void remember() {
        capture();
        settings.put("palette.width", paletteWidth);
        settings.put("inspector.width", inspectorWidth);
        settings.put("training.width", trainingWidth);
        settings.put("palette.shown", paletteShown || paletteMadeRoom);
        settings.put("inspector.shown", inspectorShown);
        settings.put("window.maximized", stage.isMaximized());
        if (!stage.isMaximized() && stage.getScene() != null) {
            settings.put("window.width", stage.getScene().getWidth());
            settings.put("window.height", stage.getScene().getHeight());
            settings.put("window.x", stage.getX());
            settings.put("window.y", stage.getY());
        }
    }
}
