package netcanvas.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import netcanvas.analysis.Analysis;

/**
 * The centre of the window: the editable network canvas, or a read-only view inside a block reached by
 * double-clicking it, with a breadcrumb ("resnet50 > layer1 > layer1.0") leading back out. A block's inside is drawn
 * from the analysis's expansion, so editing the block's parameters regenerates what is shown.
 */
public final class BlockBrowser extends VBox {
    private final CanvasView network;
    private final CanvasView inside = new CanvasView();
    private final HBox crumbs = new HBox(4);
    private final List<String> path = new ArrayList<>();
    private Analysis analysis;
    private String shownCrumbs;
    private Consumer<String> onEnter = id -> { };

    public BlockBrowser(CanvasView network) {
        this.network = network;
        inside.enableBrowsing();
        inside.setVisible(false);
        inside.setId("block-canvas");
        network.setOnOpenBlock(this::open);
        inside.setOnOpenBlock(this::open);
        StackPane stack = new StackPane(network, inside);
        VBox.setVgrow(stack, Priority.ALWAYS);
        crumbs.setStyle("-fx-padding: 3 8 3 8;");
        crumbs.getStyleClass().add("block-path");
        crumbs.setId("breadcrumb");
        getChildren().addAll(crumbs, stack);
    }

    /** Redraws after an edit; a block that no longer exists closes its view. */
    public void show(Analysis a) {
        analysis = a;
        while (!path.isEmpty() && (a.row(path.get(path.size() - 1)) == null
                || !a.row(path.get(path.size() - 1)).composite())) {
            path.remove(path.size() - 1);
        }
        refresh(false);
    }

    /** Opens the inside of a block (from the network or from a block already open). */
    public void open(String blockId) {
        if (analysis == null || analysis.row(blockId) == null || !analysis.row(blockId).composite()) {
            return;
        }
        path.add(blockId);
        refresh(true);
        onEnter.accept(path.get(0));
    }

    /** Called with the network's node whose inside is being shown (so the inspector can edit that block). */
    public void setOnEnter(Consumer<String> handler) {
        onEnter = handler;
    }

    /** Goes back out one level; false when already at the network. */
    public boolean up() {
        if (path.isEmpty()) {
            return false;
        }
        path.remove(path.size() - 1);
        refresh(true);
        return true;
    }

    public boolean inBlock() {
        return !path.isEmpty();
    }

    public CanvasView inside() {
        return inside;
    }

    /** The canvas the user sees now. */
    public CanvasView current() {
        return path.isEmpty() ? network : inside;
    }

    private void refresh(boolean fit) {
        String key = (analysis == null ? "" : analysis.network().name()) + "|" + path;
        if (path.isEmpty() && key.equals(shownCrumbs)) {
            return;
        }
        shownCrumbs = key;
        crumbs.getChildren().clear();
        String name = analysis == null ? "network" : analysis.network().name();
        crumbs.getChildren().add(crumb(name, 0));
        for (int i = 0; i < path.size(); i++) {
            crumbs.getChildren().add(new Label("\u203a"));
            crumbs.getChildren().add(crumb(path.get(i), i + 1));
        }
        if (path.isEmpty()) {
            inside.setVisible(false);
            network.setVisible(true);
            crumbs.getChildren().add(new Label("   (double-click a block to look inside)"));
            return;
        }
        crumbs.getChildren().add(new Label("   (read-only: edit the block's parameters in the inspector)"));
        double w = inside.getWidth() > 0 ? inside.getWidth() : network.getWidth();
        double h = inside.getHeight() > 0 ? inside.getHeight() : network.getHeight();
        inside.show(BlockLayout.inside(analysis, path.get(path.size() - 1), w, h));
        network.setVisible(false);
        inside.setVisible(true);
        if (fit) {
            inside.applyCss();
            inside.layout();
            // all of the inside, down to the zoom where box texts are still drawn
            inside.fit(CanvasView.DETAIL_ZOOM);
        }
    }

    private javafx.scene.Node crumb(String text, int depth) {
        if (depth == path.size()) {
            Label l = new Label(text);
            l.setStyle("-fx-font-weight: bold;");
            return l;
        }
        Hyperlink h = new Hyperlink(text);
        h.setOnAction(e -> {
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            refresh(true);
        });
        return h;
    }
}
