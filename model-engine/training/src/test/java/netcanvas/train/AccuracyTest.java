package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netcanvas.data.Augmentation;
import netcanvas.data.Batches;
import netcanvas.data.ImageData;
import netcanvas.data.Normalization;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Accuracy and top-5 count a sample correct only when the label wins outright: ties count against it. A network
 * whose outputs are all equal has accuracy 0 (it was reported as 100 % by the evaluation, and as the share of
 * class 0 during training).
 */
class AccuracyTest {

    @Test
    void ranksCountTiesAgainstTheLabel() {
        double[] constant = {0.25, 0.25, 0.25, 0.25};
        for (int label = 0; label < 4; label++) {
            assertFalse(Ranks.top1(constant, label));
            assertEquals(3, Ranks.rivals(constant, label));
        }
        double[] s = {0.1, 3.0, 2.0, 2.0, -1.0, 0.5, 0.5};
        assertTrue(Ranks.top1(s, 1));
        assertEquals(0, Ranks.rivals(s, 1));
        // 2.0 ties with the other 2.0 and loses to 3.0
        assertFalse(Ranks.top1(s, 2));
        assertEquals(2, Ranks.rivals(s, 2));
        assertTrue(Ranks.topK(s, 2, 5));
        // 0.5: 3.0, 2.0, 2.0 and the other 0.5 are >= it: 4 rivals, inside top-5 but not top-4
        assertEquals(4, Ranks.rivals(s, 5));
        assertTrue(Ranks.topK(s, 5, 5));
        assertFalse(Ranks.topK(s, 5, 4));
        // 0.1: 3.0, 2.0, 2.0, 0.5, 0.5 beat it: 5 rivals, out of the top 5
        assertEquals(5, Ranks.rivals(s, 0));
        assertFalse(Ranks.topK(s, 0, 5));
        assertFalse(Ranks.topK(s, 4, 5));
        // a NaN anywhere is a diverged network: wrong
        assertFalse(Ranks.top1(new double[] {Double.NaN, 1, 0}, 1));
        assertFalse(Ranks.topK(new double[] {0, Double.NaN, 1}, 2, 5));
    }

    /** Input 1x2x2 -> Flatten -> Dense(6) -> Output: with zero weights the logits are the bias, whatever the image. */
    private static CompiledNet biasOnly(Mode mode, double... bias) throws TrainingException {
        Network n = new NetBuilder("bias").input(1, 2, 2).then("flat", new Flatten()).then("fc", new Dense(6, true))
                .then("out", new Output()).build();
        CompiledNet net = SameDiffCompiler.compile(n, mode, 1);
        Map<String, INDArray> w = net.weights();
        w.get("fc/W").assign(0);
        w.get("fc/b").assign(Nd4j.createFromArray(bias).castTo(w.get("fc/b").dataType())
                .reshape(w.get("fc/b").shape()));
        return net;
    }

    /** Six images, one per class 0..5. */
    private static Batches oneOfEachClass() {
        ImageData d = new ImageData("t", 1, 2, 2, new byte[6 * 4], new int[] {0, 1, 2, 3, 4, 5},
                List.of("a", "b", "c", "d", "e", "f"));
        return new Batches(d, Normalization.none(1), Augmentation.NONE, 0);
    }

    @Test
    void evaluationOfConstantOutputsIsZero() throws TrainingException {
        Evaluation e = Evaluation.of(biasOnly(Mode.INFER, 0, 0, 0, 0, 0, 0), oneOfEachClass(), 4);
        assertEquals(0.0, e.accuracy());
        // every label has 5 others scoring as high: outside the top 5
        assertEquals(0.0, e.top5());
        assertEquals(Math.log(6), e.loss(), 1e-5);
    }

    @Test
    void evaluationOfHandMadeOutputs() throws TrainingException {
        // class 1 scores highest, class 0 lowest: only label 1 is right at top-1; all but label 0 at top-5
        Evaluation e = Evaluation.of(biasOnly(Mode.INFER, 0, 5, 4, 3, 2, 1), oneOfEachClass(), 4);
        assertEquals(1 / 6.0, e.accuracy(), 1e-12);
        assertEquals(5 / 6.0, e.top5(), 1e-12);
        // classes 0 and 1 tie at the top: neither is right at top-1; at top-5 labels 0 and 1 (1 rival) are right,
        // labels 2..5 (5 rivals: 5, 5 and three ties at 0) are not
        Evaluation tie = Evaluation.of(biasOnly(Mode.INFER, 5, 5, 0, 0, 0, 0), oneOfEachClass(), 4);
        assertEquals(0.0, tie.accuracy());
        assertEquals(2 / 6.0, tie.top5(), 1e-12);
    }

    private static double trainingAccuracy(double[][] logits, int[] labels) throws TrainingException {
        Progress p = new Progress(biasOnly(Mode.TRAIN, 0, 0, 0, 0, 0, 0), new HashMap<>(),
                new LearningRate(0.1, Schedule.CONSTANT, 10), 0, 10, logits.length, List.of(), () -> {
                });
        p.beginEpoch(1);
        INDArray y = Nd4j.zeros(labels.length, logits[0].length);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        INDArray z = Nd4j.createFromArray(logits);
        p.stepDone(y, name -> z);
        return p.epochAccuracy();
    }

    @Test
    void trainingAccuracyOfConstantLogitsIsZero() throws TrainingException {
        double[][] constant = new double[6][6];
        assertEquals(0.0, trainingAccuracy(constant, new int[] {0, 1, 2, 3, 4, 5}));
        assertEquals(0.0, trainingAccuracy(constant, new int[] {0, 0, 0, 0, 0, 0}));
    }

    @Test
    void trainingAccuracyOfHandMadeLogits() throws TrainingException {
        double[][] z = {
            {3, 1, 0, 0, 0, 0}, // label 0 wins outright: right
            {3, 1, 0, 0, 0, 0}, // label 1 loses to 0: wrong
            {2, 2, 0, 0, 0, 0}, // label 0 ties with 1: wrong
            {0, 0, 0, 0, 0, 9}, // label 5 wins: right
        };
        assertEquals(0.5, trainingAccuracy(z, new int[] {0, 1, 0, 5}), 1e-12);
    }
}
