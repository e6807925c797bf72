package netcanvas.app;

import static netcanvas.app.UiWait.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Bounds;
import netcanvas.canvas.CanvasView;
import netcanvas.canvas.NodeView;
import netcanvas.insight.CompareWindow;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A dense block's inside (DenseNet-121's first: 43 boxes, each layer fed by all before it) opened in a 1280x720
 * window: it used to be one column about 5,000 px tall, fitted at 8 % or shown cut off at 60 %. Wrapped into
 * side-by-side parts shaped like the view, all of it shows at once, four times as large.
 */
class BlockViewFitUiTest extends WindowFixture {

    @Test
    void denseBlockInsideFitsA1280x720WindowReadably(FxRobot robot) throws Exception {
        resize(robot, 1280, 720);
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

    /**
     * View › Compare With a preset, in the window a 1280x720 screen gives it (95 % x 92 % of the screen), after the
     * graphs are laid out again for that size (once resizing pauses). The caller closes it.
     */
    static CompareWindow compareAt1280x720(FxRobot robot, MainWindow window, String preset)
            throws InterruptedException {
        robot.interact(() -> window.insight().compareWithPreset(preset));
        CompareWindow compare = window.insight().lastComparison();
        robot.interact(() -> {
            compare.stage().setWidth(1280 * 0.95);
            compare.stage().setHeight(720 * 0.92);
        });
        settle();
        Thread.sleep(600);
        settle();
        return compare;
    }

    /**
     * View › Compare With on a 1280x720 screen (the Compare window takes 95 % x 92 % of it), then a double-click on
     * the dense block: both side-by-side graphs wrap its 43 boxes into the shape of their view as the canvas does,
     * instead of one column about 5,000 px tall (43 boxes of 72 px and 42 gaps of 44 px).
     */
    @Test
    void compareWindowWrapsABlockInsideAsTheCanvasDoes(FxRobot robot) throws Exception {
        resize(robot, 1280, 720);
        var densenet = Presets.load("densenet121");
        robot.interact(() -> window.files().load(MainWindow.prepare(densenet), null, false));
        settle();
        CompareWindow compare = compareAt1280x720(robot, window, "densenet121");
        try {
            // as a double-click on the block in either graph does
            robot.interact(() -> compare.openBlock("denseblock1"));
            settle();
            for (CanvasView graph : List.of(compare.graphA(), compare.graphB())) {
                assertEquals(43, graph.views().size(), graph.getId());
                Bounds content = graph.contentBounds();
                double aspect = content.getWidth() / content.getHeight();
                double viewAspect = graph.getWidth() / graph.getHeight();
                System.out.println(graph.getId() + ": denseblock1 at zoom " + graph.zoomFactor() + ", drawing "
                        + content.getWidth() + " x " + content.getHeight() + " in a view of " + graph.getWidth()
                        + " x " + graph.getHeight());
                assertTrue(aspect > viewAspect / 2 && aspect < viewAspect * 2,
                        graph.getId() + ": drawing " + aspect + " wide per tall, view " + viewAspect);
                // the whole drawing fits the view at three times the zoom one column of about 5,000 px would
                double whole = Math.min(graph.getWidth() / content.getWidth(),
                        graph.getHeight() / content.getHeight());
                double oneColumn = graph.getHeight() / (43 * NodeView.HEIGHT + 42 * 44);
                assertTrue(whole >= 3 * oneColumn, graph.getId() + ": all of it fits at " + whole + ", one column at "
                        + oneColumn);
                assertEquals(List.of(), EdgeRoutingUiTest.collisions(graph.getId(), graph));
            }
        } finally {
            robot.interact(() -> compare.stage().close());
        }
    }
    /**
     * View › Compare With on a 1280x720 screen: both networks' graphs show every box of theirs at a zoom where the
     * boxes read (the window drew resnet50 and se-resnet50 at 35 %, three columns in the middle of wide views), and
     * a drag on one moves the other with it.
     */
    @Test
    void compareWindowShowsBothNetworksReadablyAt1280x720(FxRobot robot) throws Exception {
        resize(robot, 1280, 720);
        var resnet50 = MainWindow.prepare(Presets.load("resnet50"));
        robot.interact(() -> window.files().load(resnet50, null, false));
        settle();
        CompareWindow compare = compareAt1280x720(robot, window, "se-resnet50");
        try {
            for (CanvasView graph : List.of(compare.graphA(), compare.graphB())) {
                assertEquals(13, graph.views().size(), graph.getId() + ": input, conv1, bn1, relu, maxpool, four "
                        + "stages, avgpool, flatten, fc, output");
                double[] zoom = new double[1];
                List<String> outside = new java.util.ArrayList<>();
                robot.interact(() -> {
                    zoom[0] = graph.zoomFactor();
                    Bounds view = graph.localToScreen(graph.getLayoutBounds());
                    for (NodeView v : graph.views().values()) {
                        Bounds b = v.localToScreen(v.getLayoutBounds());
                        if (!view.contains(b)) {
                            outside.add(v.model().id());
                        }
                    }
                });
                System.out.println(graph.getId() + ": zoom " + zoom[0] + " in a view of " + graph.getWidth() + " x "
                        + graph.getHeight());
                assertTrue(zoom[0] >= 0.5, graph.getId() + ": fitted at " + zoom[0] + ", below 50 %");
                assertEquals(List.of(), outside, graph.getId() + ": boxes outside the view");
            }
            // a drag on A's graph moves B's by as much
            double[] before = new double[2];
            robot.interact(() -> {
                before[0] = compare.graphA().viewOf("layer1").localToScene(0, 0).getX();
                before[1] = compare.graphB().viewOf("layer1").localToScene(0, 0).getX();
                compare.graphA().panBy(-120, 0);
            });
            robot.interact(() -> {
                assertEquals(-120, compare.graphA().viewOf("layer1").localToScene(0, 0).getX() - before[0], 0.5);
                assertEquals(-120, compare.graphB().viewOf("layer1").localToScene(0, 0).getX() - before[1], 0.5);
            });
        } finally {
            robot.interact(() -> compare.stage().close());
        }
    }
}
