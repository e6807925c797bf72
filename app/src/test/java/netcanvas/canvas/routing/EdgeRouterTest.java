package netcanvas.canvas.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.canvas.AutoLayout;
import org.junit.jupiter.api.Test;

/** Routes and labels as plain geometry, on drawings small enough to know the answer by hand. */
class EdgeRouterTest {
    private static final double W = 210;
    private static final double H = 72;

    private static EdgeRequest edge(String from, String to, int slot, int slots) {
        return new EdgeRequest(from + "->" + to + "#" + slot, from, to, slot, slots, 60, 13);
    }

    /** Every piece of the line is upright or level, and no piece passes through a box but the edge's own two. */
    private static void assertClear(Route r, EdgeRequest e, Map<String, Rect> boxes) {
        List<Double> p = r.points();
        for (int i = 0; i + 3 < p.size(); i += 2) {
            assertTrue(p.get(i).equals(p.get(i + 2)) || p.get(i + 1).equals(p.get(i + 3)), "orthogonal: " + p);
            for (var b : boxes.entrySet()) {
                if (!b.getKey().equals(e.from()) && !b.getKey().equals(e.to())) {
                    assertFalse(b.getValue().crossedBy(p.get(i), p.get(i + 1), p.get(i + 2), p.get(i + 3)),
                            e.key() + " runs through " + b.getKey() + ": " + p);
                }
            }
        }
    }

    @Test
    void anEdgeBlockedByABoxBetweenItsEndsGoesAroundIt() {
        Map<String, Rect> boxes = new LinkedHashMap<>();
        boxes.put("a", new Rect(0, 0, W, H));
        boxes.put("b", new Rect(0, 150, W, H));
        boxes.put("c", new Rect(0, 300, W, H));
        EdgeRequest skip = edge("a", "c", 0, 1);
        Route r = EdgeRouter.routeAll(boxes, List.of(skip)).get(skip.key());
        List<Double> p = r.points();
        // from a's bottom middle (105, 72) to c's single slot, the middle of its top (105, 300)
        assertEquals(List.of(105.0, 72.0), p.subList(0, 2));
        assertEquals(List.of(105.0, 300.0), p.subList(p.size() - 2, p.size()));
        assertClear(r, skip, boxes);
        assertTrue(p.size() >= 8, "it bends around b: " + p);
    }

    @Test
    void aClearPlainLineIsDrawnAsItIs() {
        Map<String, Rect> boxes = new LinkedHashMap<>();
        boxes.put("a", new Rect(0, 0, W, H));
        boxes.put("c", new Rect(300, 200, W, H));
        EdgeRequest e = edge("a", "c", 1, 2);
        // down from (105, 72), across 20 below, down into slot 2 of 2 at 300 + 210 * 2 / 3 = 440
        assertEquals(List.of(105.0, 72.0, 105.0, 92.0, 440.0, 92.0, 440.0, 200.0),
                EdgeRouter.routeAll(boxes, List.of(e)).get(e.key()).points());
    }

    @Test
    void labelsAtAConcatCoverNoBoxAndNoOtherLabel() {
        // four branches side by side feeding four slots 42 px apart: labels 60 px wide cannot all sit by the slots
        Map<String, Rect> boxes = new LinkedHashMap<>();
        List<EdgeRequest> edges = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boxes.put("b" + i, new Rect(i * 246 - 300, 0, W, H));
            edges.add(edge("b" + i, "concat", i, 4));
        }
        boxes.put("concat", new Rect(0, 160, W, H));
        Map<String, Route> routes = EdgeRouter.routeAll(boxes, edges);
        List<Rect> labels = edges.stream().map(e -> new Rect(routes.get(e.key()).labelX(),
                routes.get(e.key()).labelY(), e.labelWidth(), e.labelHeight())).toList();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertFalse(labels.get(i).overlaps(labels.get(j)), "labels " + i + " and " + j + " overlap");
            }
            for (Rect box : boxes.values()) {
                assertFalse(labels.get(i).overlaps(box), "label " + i + " covers a box");
            }
        }
    }

    @Test
    void afterAutoLayoutTheDrawnLinesAreElksOwn() {
        // a -> b -> c -> d with a skip a -> d (slot 1 of d): ELK routes the skip around b and c
        List<String> ids = List.of("a", "b", "c", "d");
        List<String[]> pairs = List.of(new String[] {"a", "b"}, new String[] {"b", "c"}, new String[] {"c", "d"},
                new String[] {"a", "d"});
        Map<String, double[]> at = AutoLayout.positions(ids, pairs);
        Map<String, Rect> boxes = new LinkedHashMap<>();
        ids.forEach(id -> boxes.put(id, new Rect(at.get(id)[0], at.get(id)[1], W, H)));
        EdgeRequest skip = edge("a", "d", 1, 2);
        List<EdgeRequest> edges = List.of(edge("a", "b", 0, 1), edge("b", "c", 0, 1), edge("c", "d", 0, 2), skip);
        Map<String, Route> routes = EdgeRouter.routeAll(boxes, edges);
        List<Double> elk = RouteMemory.recall("a", boxes.get("a"), "d", boxes.get("d"), 1, 2);
        assertTrue(elk != null && elk.size() >= 6, "ELK routed the skip with bends: " + elk);
        assertEquals(elk, routes.get(skip.key()).points());
        for (EdgeRequest e : edges) {
            assertClear(routes.get(e.key()), e, boxes);
        }
        double[] slot = EdgeRouter.targetPort(boxes.get("d"), 1, 2);
        assertEquals(List.of(slot[0], slot[1]), elk.subList(elk.size() - 2, elk.size()), "it ends in d's slot 2");
    }

    @Test
    void aBoxMovedOntoAnotherEdgePushesThatEdgeAside() {
        Map<String, Rect> boxes = new LinkedHashMap<>();
        boxes.put("a", new Rect(0, 0, W, H));
        boxes.put("c", new Rect(0, 300, W, H));
        boxes.put("x", new Rect(600, 0, W, H));
        EdgeRequest e = edge("a", "c", 0, 1);
        Map<String, Route> before = EdgeRouter.routeAll(boxes, List.of(e));
        assertEquals(List.of(105.0, 72.0, 105.0, 300.0), before.get(e.key()).points());
        boxes.put("x", new Rect(0, 150, W, H)); // x dragged between a and c
        Map<String, Route> after = EdgeRouter.reroute(boxes, List.of(e), before, Set.of("x"));
        assertNotEquals(before.get(e.key()).points(), after.get(e.key()).points());
        assertClear(after.get(e.key()), e, boxes);
    }
}
