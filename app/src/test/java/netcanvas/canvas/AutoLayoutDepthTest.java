package netcanvas.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ELK recurses along a graph's paths: a chain of 5,000 boxes overflowed the default stack (StackOverflowError). */
class AutoLayoutDepthTest {
    @Test
    void aChainOfFiveThousandBoxesIsLaidOut() {
        List<String> ids = new ArrayList<>();
        List<String[]> edges = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add("n" + i);
            if (i > 0) {
                edges.add(new String[] {"n" + (i - 1), "n" + i});
            }
        }
        Map<String, double[]> at = AutoLayout.positions(ids, edges);
        assertEquals(5000, at.size());
        // each box has its own place
        assertEquals(5000, at.values().stream().map(p -> p[0] + "," + p[1]).distinct().count());
        assertTrue(at.values().stream().allMatch(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])));
    }
}
