package netcanvas.app;

import static netcanvas.app.UiWait.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import netcanvas.analysis.Row;
import netcanvas.canvas.CanvasView;
import netcanvas.canvas.EdgeView;
import netcanvas.canvas.NodeView;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Edges as a user sees them after Auto-layout (Ctrl+L) and inside every block they double-click: no line runs
 * behind a box it does not join, no shape label covers another label or a box. Checked on the drawn scene nodes
 * (the polylines' points and the label texts' bounds), for the networks where a user saw it go wrong: ResNet-18 (a
 * skip connection behind three boxes) and GoogLeNet / Inception v3 (labels piled up at a concat).
 */
class EdgeRoutingUiTest extends WindowFixture {

    @Test
    void resnet18EdgesAndLabelsStayClearEverywhere(FxRobot robot) throws Exception {
        checkNetworkAndEveryBlock(robot, "resnet18");
    }

    @Test
    void googlenetEdgesAndLabelsStayClearEverywhere(FxRobot robot) throws Exception {
        checkNetworkAndEveryBlock(robot, "googlenet");
    }

    @Test
    void inceptionV3EdgesAndLabelsStayClearEverywhere(FxRobot robot) throws Exception {
        checkNetworkAndEveryBlock(robot, "inception_v3");
    }

    /**
     * A skip connection runs beside a column of three boxes; the user drags the middle box onto it. The skip must go
     * around the box it now meets, and the dragged box's own edges and every label must stay clear.
     */
    @Test
    void aBoxDraggedOntoASkipConnectionPushesTheLineAroundIt(FxRobot robot) throws Exception {
        var net = new netcanvas.graph.NetBuilder("skip").input(8, 16, 16)
                .then("a", new netcanvas.graph.ReLU()).then("b", new netcanvas.graph.ReLU())
                .then("c", new netcanvas.graph.ReLU())
                .add("join", new netcanvas.graph.Add(), "input", "c")
                .then("output", new netcanvas.graph.Output()).build();
        robot.interact(() -> window.files().load(MainWindow.prepare(net), null, false));
        settle();
        robot.clickOn(window.canvas());
        robot.push(KeyCode.CONTROL, KeyCode.L);
        settle();
        CanvasView canvas = window.canvas();
        assertEquals(List.of(), collisions("laid out", canvas));
        EdgeView skip = canvas.edgeBetween("input", "join");
        NodeView b = canvas.viewOf("b");
        // the skip's longest upright piece, beside the column
        List<Double> p = skip.points();
        double skipX = Double.NaN;
        double longest = 0;
        for (int i = 0; i + 3 < p.size(); i += 2) {
            if (p.get(i).equals(p.get(i + 2)) && Math.abs(p.get(i + 3) - p.get(i + 1)) > longest) {
                longest = Math.abs(p.get(i + 3) - p.get(i + 1));
                skipX = p.get(i);
            }
        }
        assertTrue(longest > 3 * NodeView.HEIGHT, "the skip runs down beside the column: " + p);
        double dx = (skipX - (b.x() + NodeView.WIDTH / 2)) * canvas.zoomFactor();
        Point2D from = Ui.body(b);
        Ui.drag(robot, from, from.add(dx, 0));
        settle();
        BoundingBox moved = new BoundingBox(b.x(), b.y(), NodeView.WIDTH, NodeView.HEIGHT);
        assertTrue(moved.getMinX() < skipX && skipX < moved.getMaxX(), "b now stands where the skip ran");
        assertEquals(List.of(), collisions("after the drag", canvas));
        assertTrue(!skip.points().equals(p), "the skip was routed anew");
        // the SVG export draws the skip along the same route
        List<List<Double>> lines = svgPolylines(netcanvas.canvas.SvgExport.of(canvas));
        List<Double> drawn = skip.points();
        assertTrue(lines.stream().anyMatch(l -> l.size() == drawn.size() && java.util.stream.IntStream
                .range(0, l.size()).allMatch(i -> Math.abs(l.get(i) - drawn.get(i)) < 0.06)),
                "the SVG has the skip's line " + drawn + " among " + lines);
    }

    private static List<List<Double>> svgPolylines(String svg) throws Exception {
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var found = xml.getElementsByTagName("polyline");
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            String points = ((org.w3c.dom.Element) found.item(i)).getAttribute("points");
            out.add(java.util.Arrays.stream(points.trim().split("[ ,]+")).map(Double::valueOf).toList());
        }
        return out;
    }

    /**
     * Opens the preset, presses Ctrl+L, checks the network, then opens every block (and every block inside those)
     * as a double-click does and checks each inside.
     */
    private void checkNetworkAndEveryBlock(FxRobot robot, String preset) throws Exception {
        var network = Presets.load(preset);
        robot.interact(() -> window.files().load(MainWindow.prepare(network), null, false));
        settle();
        robot.clickOn(window.canvas());
        robot.push(KeyCode.CONTROL, KeyCode.L);
        settle();
        List<String> problems = new ArrayList<>();
        problems.addAll(collisions(preset, window.canvas()));
        List<String> blocks = new ArrayList<>();
        for (Row r : window.document().analysis().rows()) {
            collectBlocks(r, blocks);
        }
        assertTrue(blocks.size() >= 4, preset + " has blocks to look inside: " + blocks);
        for (String block : blocks) {
            robot.interact(() -> {
                while (window.browser().up()) {
                    // back to the network, then straight into this block as its breadcrumb path would go
                }
                window.browser().open(block.contains(".") ? block.substring(0, block.indexOf('.')) : block);
                if (block.contains(".")) {
                    window.browser().open(block);
                }
            });
            settle();
            CanvasView inside = window.browser().inside();
            assertTrue(inside.isVisible() && !inside.views().isEmpty(), "the inside of " + block + " is shown");
            problems.addAll(collisions(preset + " > " + block, inside));
        }
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())),
                problems.size() + " collisions in " + preset);
    }

    /** Blocks and the blocks directly inside them (a stage's residual blocks), as the user can open them. */
    private static void collectBlocks(Row r, List<String> into) {
        if (!r.composite()) {
            return;
        }
        into.add(r.id());
        for (Row c : r.children()) {
            if (c.composite() && !r.id().contains(".")) {
                into.add(c.id());
            }
        }
    }

    /** Every edge segment through a box it does not join, and every label touching another label or a box. */
    static List<String> collisions(String where, CanvasView canvas) {
        List<String> found = new ArrayList<>();
        List<String> ids = new ArrayList<>(canvas.views().keySet());
        List<Bounds> boxes = new ArrayList<>();
        for (String id : ids) {
            NodeView v = canvas.views().get(id);
            boxes.add(new BoundingBox(v.x(), v.y(), NodeView.WIDTH, NodeView.HEIGHT));
        }
        List<Bounds> labels = new ArrayList<>();
        List<String> labelOf = new ArrayList<>();
        for (EdgeView e : canvas.edgeViews().values()) {
            List<Double> p = e.points();
            assertTrue(p.size() >= 4, where + ": edge " + e.model().key() + " is drawn");
            for (int i = 0; i + 3 < p.size(); i += 2) {
                Point2D a = new Point2D(p.get(i), p.get(i + 1));
                Point2D b = new Point2D(p.get(i + 2), p.get(i + 3));
                for (int k = 0; k < ids.size(); k++) {
                    String id = ids.get(k);
                    if (!id.equals(e.model().from()) && !id.equals(e.model().to())
                            && crossesInterior(a, b, boxes.get(k))) {
                        found.add(where + ": edge " + e.model().key() + " runs behind box " + id);
                    }
                }
            }
            for (var child : e.getChildrenUnmodifiable()) {
                if (child instanceof Text t && !t.getText().isEmpty()) {
                    labels.add(e.localToParent(t.getBoundsInParent()));
                    labelOf.add(e.model().key() + " '" + t.getText() + "'");
                }
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (overlap(labels.get(i), labels.get(j))) {
                    found.add(where + ": label of " + labelOf.get(i) + " overlaps that of " + labelOf.get(j));
                }
            }
            for (int k = 0; k < ids.size(); k++) {
                if (overlap(labels.get(i), boxes.get(k))) {
                    found.add(where + ": label of " + labelOf.get(i) + " covers box " + ids.get(k));
                }
            }
        }
        return found;
    }

    /** Whether the axis-parallel segment a-b passes through the box's inside (its border does not count). */
    static boolean crossesInterior(Point2D a, Point2D b, Bounds box) {
        double eps = 0.5;
        double x0 = Math.min(a.getX(), b.getX()), x1 = Math.max(a.getX(), b.getX());
        double y0 = Math.min(a.getY(), b.getY()), y1 = Math.max(a.getY(), b.getY());
        return x1 > box.getMinX() + eps && x0 < box.getMaxX() - eps && y1 > box.getMinY() + eps
                && y0 < box.getMaxY() - eps;
    }

    /** Whether two rectangles share more than an edge (half a pixel of anti-aliasing allowed). */
    static boolean overlap(Bounds a, Bounds b) {
        double eps = 0.5;
        return a.getMaxX() > b.getMinX() + eps && a.getMinX() < b.getMaxX() - eps && a.getMaxY() > b.getMinY() + eps
                && a.getMinY() < b.getMaxY() - eps;
    }
}
