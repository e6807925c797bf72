package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import netcanvas.canvas.CanvasView;
import netcanvas.canvas.NodeView;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A dense block's inside (DenseNet-121's first: 43 boxes, each layer fed by all before it) opened in a 1280x720
 * window: it used to be one column about 5,000 px tall, fitted at 8 % or shown cut off at 60 %. Wrapped into
 * side-by-side parts shaped like the view, all of it shows at once, four times as large.
 */
@ExtendWith(ApplicationExtension.class)
class BlockViewFitUiTest {
    private MainWindow window;
    private Stage stage;
    private double[] sizeBefore;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage);
        window.show();
        sizeBefore = new double[] {stage.getWidth(), stage.getHeight()};
    }

    @org.junit.jupiter.api.AfterEach
    void restoreSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(sizeBefore[0]);
            stage.setHeight(sizeBefore[1]);
        });
    }

    @Test
    void denseBlockInsideFitsA1280x720WindowReadably(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        var densenet = Presets.load("densenet121");
        robot.interact(() -> window.files().load(MainWindow.prepare(densenet), null, false));
        WaitForAsyncUtils.waitForFxEvents();
        // as a double-click on the box does (the click itself is CanvasGesturesUiTest's)
        robot.interact(() -> window.browser().open("denseblock1"));
        WaitForAsyncUtils.waitForFxEvents();
        CanvasView inside = window.browser().inside();
        assertTrue(inside.isVisible(), "the block's inside is shown");
        assertEquals(43, inside.views().size(), "in:pool0 and 6 dense layers of 7 boxes each");
        double zoom = inside.zoomFactor();
        System.out.println("denseblock1 fitted at zoom " + zoom + " in a view of " + inside.getWidth() + " x "
                + inside.getHeight());
        // one column fits at 0.08; from CanvasView.DETAIL_ZOOM (0.3) on, boxes show their texts
        assertTrue(zoom >= CanvasView.DETAIL_ZOOM, "fitted at " + zoom);
        // all of it in view: every box lies inside the canvas on screen
        Bounds view = inside.localToScreen(inside.getLayoutBounds());
        for (NodeView v : inside.views().values()) {
            Bounds b = v.localToScreen(v.getLayoutBounds());
            assertTrue(view.contains(b), v.model().id() + " at " + b + " is outside the view " + view);
        }
        // the drawing's shape is the window's, within a factor of two
        Bounds content = inside.contentBounds();
        double aspect = content.getWidth() / content.getHeight();
        double viewAspect = inside.getWidth() / inside.getHeight();
        assertTrue(aspect > viewAspect / 2 && aspect < viewAspect * 2,
                "drawing " + aspect + " wide per tall, view " + viewAspect);
        assertEquals(List.of(), EdgeRoutingUiTest.collisions("denseblock1", inside));
    }
}
