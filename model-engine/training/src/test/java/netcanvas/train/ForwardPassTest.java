package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Network;
import netcanvas.kinds.KindNetworks;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link ForwardPass} computes what SameDiff's own session computes from the same inference graph (the path every
 * inference took before it), within float rounding, on every layer kind and on presets with batch norm, depthwise
 * and grouped convolutions, concatenations, squeeze-and-excitation and dropout; batch norms have random running
 * statistics, so a fold that dropped or misplaced a term would show. PyTorch's own outputs for such a network:
 * {@code netcanvas.export.ForwardPassTorchTest}.
 */
class ForwardPassTest {

    static List<String> kinds() {
        return LayerKinds.names();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindGivesTheSessionsLogits(String name) throws Exception {
        LayerKind k = LayerKinds.named(name);
        CompiledNet c = SameDiffCompiler.compile(KindNetworks.around(k), Mode.INFER, 1);
        randomBatchNorms(c, 5);
        for (int n : new int[] {1, 3}) {
            float[] x = input(c, n);
            assertClose(name + " at batch " + n, c.sessionLogits(x, n), c.logits(x, n));
        }
    }

    /**
     * Batch norm after a plain, a depthwise and a grouped convolution and after a dense layer, an inverted residual
     * with squeeze-and-excitation, a Fire module (concat) and dropout, at batches 1, 2 and 5 (5 is planned from the
     * shapes SameDiff measures at batches 1 and 2); the same pass run again on another batch size and back.
     */
    @Test
    void mixedNetworkGivesTheSessionsLogitsAtEveryBatchSize() throws Exception {
        CompiledNet c = SameDiffCompiler.compile(InferenceTestNets.mixed(), Mode.INFER, 2);
        randomBatchNorms(c, 7);
        try (ForwardPass pass = new ForwardPass(c, List.of(CompiledNet.LOGITS))) {
            // Folded: the stem's, the depthwise convolution's and the inverted residual's three (its expansion,
            // depthwise and projection convolutions each have their own); not the grouped convolution's (an im2col
            // product, not a convolution operation) nor the dense layer's.
            assertEquals(5, pass.foldedBatchNorms());
            for (int n : new int[] {1, 2, 5, 2}) {
                float[] x = input(c, n);
                assertClose("mixed at batch " + n, c.sessionLogits(x, n), pass.logits(x, n));
            }
        }
    }

    /**
     * The mixed network's pointwise convolutions (the inverted residual's expansion and projection, each with its
     * batch norm folded in as a bias; the Fire module's squeeze and 1x1 expand) run as matrix products, the other
     * convolutions as libnd4j's conv2d, and the logits stay the session's (checked above at every batch size).
     */
    @Test
    void pointwiseConvolutionsRunAsProducts() throws Exception {
        CompiledNet c = SameDiffCompiler.compile(InferenceTestNets.mixed(), Mode.INFER, 2);
        randomBatchNorms(c, 7);
        try (ForwardPass pass = new ForwardPass(c, List.of(CompiledNet.LOGITS));
                ForwardPass convolutions = new ForwardPass(c, List.of(CompiledNet.LOGITS), true, false)) {
            float[] x = input(c, 2);
            var ops = pass.profile(Nd4j.create(x, new long[] {2, c.inputShape().channels(), c.inputShape().height(),
                    c.inputShape().width()}, 'c'), 1).keySet();
            assertTrue(ops.contains("conv2d+batchnorm 1x1") && ops.contains("conv2d 1x1")
                    && ops.contains("conv2d+batchnorm"), ops.toString());
            assertClose("products against conv2d", convolutions.logits(x, 2), pass.logits(x, 2));
        }
    }

    /** Every batch norm of the preset follows a convolution, so each is folded; the logits stay the session's. */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v2-fmnist", "efficientnet_b0", "squeezenet1_1", "shufflenet_v2_x1_0",
        "resnext50-32x4d"})
    void presetsGiveTheSessionsLogits(String preset) throws Exception {
        Network net = Presets.load(preset);
        CompiledNet c = SameDiffCompiler.compile(net, Mode.INFER, 3);
        randomBatchNorms(c, 11);
        int n = preset.equals("mobilenet_v2-fmnist") ? 3 : 1;
        float[] x = input(c, n);
        try (ForwardPass pass = new ForwardPass(c, List.of(CompiledNet.LOGITS))) {
            assertClose(preset, c.sessionLogits(x, n), pass.logits(x, n));
            if (!preset.equals("resnext50-32x4d")) {
                // ResNeXt's grouped 3x3 convolutions are products of im2col columns: their batch norms stay.
                assertEquals(batchNorms(net), pass.foldedBatchNorms(), preset + ": batch norms folded");
            }
        }
    }

    @Test
    void inputOfTheWrongShapeIsRefusedWithTheShapeItNeeds() throws Exception {
        CompiledNet c = SameDiffCompiler.compile(TestNets.lenet5(), Mode.INFER, 1);
        try (ForwardPass pass = new ForwardPass(c, List.of(CompiledNet.LOGITS))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pass.run(Nd4j.zeros(2, 3, 32, 32)));
            assertEquals("the input is [2, 3, 32, 32] but the network takes N x 1x32x32 (N samples, channels,"
                    + " height, width)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> pass.logits(new float[1000], 1));
            assertEquals("1000 values are not 1 samples of 1x32x32", e.getMessage());
            // what the session-based path said for the same mistake
            assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                    () -> c.sessionLogits(new float[1000], 1)).getMessage());
        }
    }

    @Test
    void outputsAreThePassesOwnArraysOverwrittenByTheNextCall() throws Exception {
        CompiledNet c = SameDiffCompiler.compile(TestNets.lenet5(), Mode.INFER, 1);
        try (ForwardPass pass = new ForwardPass(c, List.of(CompiledNet.LOGITS, CompiledNet.PROBABILITIES))) {
            INDArray a = Nd4j.create(input(c, 2), new long[] {2, 1, 32, 32}, 'c');
            INDArray first = pass.run(a).get(CompiledNet.LOGITS);
            float[] before = first.dup().reshape(-1).toFloatVector();
            INDArray second = pass.run(a.mul(-3)).get(CompiledNet.LOGITS);
            assertSame(first, second);
            assertTrue(Math.abs(before[0] - second.getFloat(0)) > 1e-6, "the logits should depend on the input");
            // probabilities are the softmax of the same call's logits
            INDArray p = pass.run(a).get(CompiledNet.PROBABILITIES);
            INDArray l = pass.run(a).get(CompiledNet.LOGITS);
            double e0 = Math.exp(l.getDouble(0, 0));
            double sum = 0;
            for (int j = 0; j < l.size(1); j++) {
                sum += Math.exp(l.getDouble(0, j));
            }
            assertEquals(e0 / sum, p.getDouble(0, 0), 1e-6);
        }
    }

    /** Batch-norm layers among the network's primitive layers. */
    private static long batchNorms(Network net) {
        return Analyzer.analyze(net).layers().stream().map(LayerResult::spec).filter(BatchNorm.class::isInstance)
                .count();
    }

    /** Random scales, shifts and running statistics (positive variances) in every batch norm of an inference graph. */
    static void randomBatchNorms(CompiledNet c, long seed) {
        Random rnd = new Random(seed);
        for (BatchNormState bn : c.batchNorms()) {
            fill(c.sd().getArrForVarName(bn.layer() + "/gamma"), () -> 0.5 + rnd.nextDouble());
            fill(c.sd().getArrForVarName(bn.layer() + "/beta"), () -> 0.2 * rnd.nextGaussian());
            fill(c.sd().getArrForVarName(bn.runningMean()), () -> 0.2 * rnd.nextGaussian());
            fill(c.sd().getArrForVarName(bn.runningVar()), () -> 0.5 + rnd.nextDouble());
        }
    }

    private static void fill(INDArray a, java.util.function.DoubleSupplier v) {
        INDArray flat = a.reshape(a.length());
        for (long i = 0; i < a.length(); i++) {
            flat.putScalar(i, v.getAsDouble());
        }
    }

    /** x[i] = sin(0.37 i) * 2, n samples. */
    static float[] input(CompiledNet c, int n) {
        float[] x = new float[(int) (n * c.inputShape().elements())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * Math.sin(0.37 * i));
        }
        return x;
    }

    /** Equal within 1e-4 of the largest logit (float rounding through a deep network), and not all zero. */
    static void assertClose(String what, float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what);
            for (int j = 0; j < expected[i].length; j++) {
                scale = Math.max(scale, Math.abs(expected[i][j]));
                diff = Math.max(diff, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(scale > 0, what + ": every logit is zero");
        assertTrue(diff <= 1e-4 * scale, what + ": logits differ by " + diff + " at scale " + scale);
    }
}
