package netcanvas.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netcanvas.train.TrainingListener;
import org.junit.jupiter.api.Test;

/** The chart's data path without a window: decimation, smoothing, and the batching of trainer events. */
class TrainingChartTest {

    /** Builds 100,000 points: a sawtooth 0, 0.01, ..., 0.99 repeating every 100, one spike and one dip. */
    private static double[][] sawtoothWithSpikes() {
        int n = 100_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = (i % 100) / 100.0;
        }
        ys[31_337] = 50;
        ys[77_777] = -50;
        return new double[][] {xs, ys};
    }

    @Test
    void hundredThousandPointsBecomeTwoPerPixelColumnKeepingSpikesAndDips() {
        double[][] d = sawtoothWithSpikes();
        int columns = 700;
        Decimation.Points p = Decimation.minMaxPerColumn(d[0], d[1], 100_000, 0, 99_999, columns);
        // 100,000 points over 700 columns is 142 or 143 consecutive points per column, more than the sawtooth's
        // period of 100, so every column holds a low and a high at different indices: exactly 2 x 700 points.
        assertEquals(2 * columns, p.size());
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double xOfMax = -1;
        double xOfMin = -1;
        for (int i = 0; i < p.size(); i++) {
            if (p.y()[i] > max) {
                max = p.y()[i];
                xOfMax = p.x()[i];
            }
            if (p.y()[i] < min) {
                min = p.y()[i];
                xOfMin = p.x()[i];
            }
            if (i > 0) {
                assertTrue(p.x()[i] > p.x()[i - 1], "points stay in x order");
            }
        }
        assertEquals(50, max, "the spike survives");
        assertEquals(31_337, xOfMax, "at its own iteration");
        assertEquals(-50, min, "the dip survives");
        assertEquals(77_777, xOfMin);
    }

    @Test
    void aSeriesThatFitsIsDrawnWholeAndNaNIsSkipped() {
        double[] xs = {1, 2, 3, 4};
        double[] ys = {0.5, Double.NaN, 0.25, 0.75};
        Decimation.Points p = Decimation.minMaxPerColumn(xs, ys, 4, 1, 4, 100);
        assertEquals(3, p.size());
        assertArrayEquals(new double[] {1, 3, 4}, java.util.Arrays.copyOf(p.x(), 3));
        assertArrayEquals(new double[] {0.5, 0.25, 0.75}, java.util.Arrays.copyOf(p.y(), 3));
    }

    @Test
    void flatColumnsGiveOnePointEach() {
        // 10,000 equal values over 100 columns: the low and the high of a column are the same (first) point
        int n = 10_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = 3;
        }
        assertEquals(100, Decimation.minMaxPerColumn(xs, ys, n, 0, n - 1, 100).size());
    }

    @Test
    void smoothingStartsAtTheFirstValueAndFollowsASteadyInput() {
        Smoothing s = new Smoothing(0.9);
        assertEquals(2.0, s.next(2.0), 1e-12, "debiased: the first value itself");
        assertEquals(2.0, s.next(2.0), 1e-12, "a constant stays constant");
        Smoothing t = new Smoothing(0.5);
        t.next(0);
        // weights after a 0 then a 4 with w = 0.5: average = 0.5 * (0.5 * 0) + 0.5 * 4 = 2, bias 1 - 0.25 = 0.75
        assertEquals(2 / 0.75, t.next(4), 1e-12);
        assertEquals(2 / 0.75, t.next(Double.NaN), 1e-12, "a NaN loss is passed over");
    }

    @Test
    void fastIterationsReachTheFxThreadInOneBatchInOrder() {
        List<Runnable> posted = new ArrayList<>();
        List<List<Object>> delivered = new ArrayList<>();
        FxTrainingEvents events = new FxTrainingEvents(delivered::add, posted::add);
        for (int i = 1; i <= 10_000; i++) {
            events.iteration(new TrainingListener.Iteration(1, i, 10_000, 1.0 / i, 100, 1));
        }
        assertEquals(1, posted.size(), "one runnable waits on the FX thread, not 10,000");
        posted.get(0).run();
        assertEquals(1, delivered.size());
        assertEquals(10_000, delivered.get(0).size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i + 1, ((TrainingListener.Iteration) delivered.get(0).get(i)).iteration());
        }
        events.message("after the batch");
        assertEquals(2, posted.size(), "an event after a drain posts a new one");
        posted.get(1).run();
        assertEquals(List.of("after the batch"), delivered.get(1));
        assertEquals(2, events.posts());
    }
}
