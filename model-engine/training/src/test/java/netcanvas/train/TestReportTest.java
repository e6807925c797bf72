package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The confusion matrix, precision, recall and misclassified list of eight predictions, worked out by hand. */
class TestReportTest {
    // image:      0    1    2    3    4     5    6    7
    // true:       a    a    a    b    b     c    c    b
    // predicted:  a    b    a    b    c     c    b    b
    // confidence: .9   .8   .6   .7   .95   .5   .8   .4
    private static final TestReport REPORT = new TestReport(List.of("a", "b", "c", "d, rare"),
            new int[] {0, 0, 0, 1, 1, 2, 2, 1}, new int[] {0, 1, 0, 1, 2, 2, 1, 1},
            new double[] {.9, .8, .6, .7, .95, .5, .8, .4});

    @Test
    void countsRowsAreTheTrueClassColumnsThePrediction() {
        long[][] expected = {{2, 1, 0, 0}, {0, 2, 1, 0}, {0, 1, 1, 0}, {0, 0, 0, 0}};
        for (int t = 0; t < 4; t++) {
            for (int p = 0; p < 4; p++) {
                assertEquals(expected[t][p], REPORT.count(t, p), "cell " + t + "," + p);
            }
        }
        assertEquals(1.0 / 3, REPORT.normalised(0, 1), 1e-12);
        assertEquals(0.5, REPORT.normalised(2, 2), 1e-12);
        assertTrue(Double.isNaN(REPORT.normalised(3, 3)), "a class without test images has no shares");
        assertEquals(5.0 / 8, REPORT.accuracy(), 1e-12);
        assertArrayEquals(new int[] {0, 2}, REPORT.samples(0, 0));
        assertArrayEquals(new int[] {1}, REPORT.samples(0, 1));
        assertArrayEquals(new int[] {}, REPORT.samples(1, 0));
    }

    @Test
    void precisionAndRecallPerClass() {
        // a: predicted as a 2 times, both right; 3 a images, 2 found
        assertEquals(1.0, REPORT.precision(0), 1e-12);
        assertEquals(2.0 / 3, REPORT.recall(0), 1e-12);
        // b: predicted 4 times (images 1, 3, 6, 7), 2 right; 3 b images, 2 found
        assertEquals(0.5, REPORT.precision(1), 1e-12);
        assertEquals(2.0 / 3, REPORT.recall(1), 1e-12);
        // c: predicted twice (4, 5), 1 right; 2 c images, 1 found
        assertEquals(0.5, REPORT.precision(2), 1e-12);
        assertEquals(0.5, REPORT.recall(2), 1e-12);
        assertTrue(Double.isNaN(REPORT.precision(3)) && Double.isNaN(REPORT.recall(3)), "never seen, never predicted");
    }

    @Test
    void misclassifiedMostConfidentFirst() {
        assertEquals(List.of(new TestReport.Miss(4, 1, 2, .95), new TestReport.Miss(1, 0, 1, .8),
                new TestReport.Miss(6, 2, 1, .8)), REPORT.misclassified(10));
        assertEquals(1, REPORT.misclassified(1).size());
    }

    @Test
    void csvFiles() {
        assertEquals("""
                true \\ predicted,a,b,c,"d, rare"
                a,2,1,0,0
                b,0,2,1,0
                c,0,1,1,0
                "d, rare",0,0,0,0
                """, REPORT.confusionCsv());
        assertEquals("""
                class,images,predicted,correct,precision,recall
                a,3,2,2,1.0000,0.6667
                b,3,4,2,0.5000,0.6667
                c,2,2,1,0.5000,0.5000
                "d, rare",0,0,0,,
                """, REPORT.perClassCsv());
        assertEquals("""
                index,true,predicted,confidence
                4,b,c,0.9500
                1,a,b,0.8000
                6,c,b,0.8000
                """, REPORT.misclassifiedCsv());
    }

    @Test
    void refusesPredictionsOutsideTheClasses() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TestReport(List.of("a", "b"), new int[] {0},
                new int[] {2}, new double[] {1}));
        assertEquals("image 0: class 0 predicted as 2, but there are 2 classes", e.getMessage());
    }
}
