package netcanvas.app;

import java.util.ArrayList;
import java.util.List;
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
    /** The training panel's width as last set (less than {@link #trainingWidth} in a narrow window). */
    private double trainingGiven = -1;
    /** The window width the dividers were last set for. */
    private double arrangedFor;
    /** The training panel was just opened (its room is decided again if the window's width was stale). */
    private boolean opening;
    /** The dividers were set again once for a width found stale since the last {@link #arrange()}. */
    private boolean retried;
    /** Layout passes left in which {@link #correctAfterLayout()} may still move the dividers. */
    private int correction;

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
        // a split pane squeezes an item down to its minimum width: the panel's own minimum is a scroll bar's width,
        // which left Start, Pause and Stop beyond its right edge, under the inspector that then took their clicks
        training.setMinWidth(MIN_TRAINING);
        workArea.getItems().setAll(canvasArea);
        main.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                now.addPostLayoutPulseListener(this::correctAfterLayout);
            }
        });
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
        makeRoom();
        workArea.getItems().add(training);
        opening = true;
        arrange();
    }

    /** Hides the palette when the canvas would be left less than its minimum; says whether it did. */
    private boolean makeRoom() {
        double free = windowWidth() - (paletteShown ? paletteWidth : 0) - (inspectorShown ? inspectorWidth : 0)
                - trainingWidth;
        if (free < MIN_CANVAS && paletteShown) {
            paletteShown = false;
            paletteMadeRoom = true;
            return true;
        }
        return false;
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
        capturePanels();
        // only a width the user dragged to: one narrowed to keep the canvas workable is not the user's choice (taken
        // as one, the panel shrank each time it was opened in a narrow window)
        if (trainingShown() && training.getWidth() > 0 && Math.abs(training.getWidth() - trainingGiven) > DIVIDER) {
            trainingWidth = training.getWidth();
        }
    }

    /** Reads the palette's and the inspector's widths. */
    private void capturePanels() {
        if (main.getItems().contains(palette) && palette.getWidth() > 0) {
            paletteWidth = palette.getWidth();
        }
        if (main.getItems().contains(inspector) && inspector.getWidth() > 0) {
            inspectorWidth = inspector.getWidth();
        }
    }

    private double windowWidth() {
        // the scene's width is current as soon as the window resizes; the split's only after the next layout pass
        return main.getScene() != null ? main.getScene().getWidth() : stage.getScene() != null
                ? stage.getScene().getWidth() : stage.getWidth();
    }

    /** Sets the panes shown and the dividers at the remembered widths. */
    private void arrange() {
        retried = false;
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
    }

    /**
     * Sets the dividers from the window's width and the remembered widths alone: the work area's own width is stale
     * until the next layout pass (a width read from it squeezed the panel when the palette had just made room), so it
     * is computed, and the pixels the dividers themselves take are given back after that pass.
     */
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
            double work = w - (paletteShown ? paletteWidth + DIVIDER : 0) - (inspectorShown ? inspectorWidth + DIVIDER
                    : 0);
            trainingGiven = panelWidth(work);
            workArea.setDividerPositions(1 - trainingGiven / Math.max(1, work));
        }
        correction = 2;
        arrangedFor = w;
    }

    /** The training panel's width: narrower than the user left it when that keeps the canvas workable, never unusable. */
    private double panelWidth(double work) {
        return Math.max(MIN_TRAINING, Math.min(trainingWidth, work - MIN_CANVAS - DIVIDER));
    }

    /**
     * After a layout pass that followed {@link #dividers()}: moves each divider by what its panel lacks of the width
     * it was given (a divider's own thickness comes off its neighbours), so that hiding and showing a panel does not
     * shrink it by a few pixels each time. Twice at most: the second pass sees the first one's effect.
     */
    private void correctAfterLayout() {
        if (correction == 0 || main.getWidth() <= 0 || main.getScene() == null) {
            return;
        }
        correction--;
        double w = main.getWidth();
        if (Math.abs(w - arrangedFor) > 1 && !retried) {
            // the window was resized in the same turn, after the dividers were set for its old width: again, for
            // this one (and when the panel was just opened, its room decided again too); once, so that a split
            // narrower than the scene could never set them over and over
            if (opening && makeRoom()) {
                arrange();
            } else {
                dividers();
            }
            retried = true;
            return;
        }
        double[] p = main.getDividerPositions();
        int i = 0;
        boolean moved = false;
        if (paletteShown && p.length > i && palette.getWidth() > 0) {
            moved |= nudge(p, i, (paletteWidth - palette.getWidth()) / w);
            i++;
        }
        if (inspectorShown && p.length > i && inspector.getWidth() > 0) {
            moved |= nudge(p, i, -(inspectorWidth - inspector.getWidth()) / w);
        }
        if (moved) {
            main.setDividerPositions(p);
        }
        double work = workArea.getWidth();
        if (trainingShown() && work > 0 && training.getWidth() > 0) {
            double[] q = workArea.getDividerPositions();
            trainingGiven = panelWidth(work);
            if (nudge(q, 0, -(trainingGiven - training.getWidth()) / work)) {
                workArea.setDividerPositions(q);
                moved = true;
            }
        }
        if (!moved) {
            correction = 0;
        }
        if (correction == 0) {
            opening = false;
        }
    }

    /** Moves position k by delta when that is more than a fraction of a pixel; says whether it moved. */
    private static boolean nudge(double[] positions, int k, double delta) {
        if (Math.abs(delta) < 1e-4) {
            return false;
        }
        positions[k] = Math.max(0, Math.min(1, positions[k] + delta));
        return true;
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
