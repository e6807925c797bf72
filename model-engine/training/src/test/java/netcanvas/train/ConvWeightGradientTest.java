package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netcanvas.train.ops.Workspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first convolution's weight gradient by shifted matrix products must equal libnd4j's own {@code conv2d_bp}
 * (an independent implementation of the same gradient) for the shapes a first layer takes: a CIFAR stem, LeNet's
 * unpadded 5x5 with a bias, a 1x1, a rectangular kernel with unequal padding.
 */
class ConvWeightGradientTest {

    /** Lends fresh arrays, as the training step's plan does. */
    private static final Workspace WORK = new Workspace() {
        private final Map<String, INDArray> scratch = new HashMap<>();

        @Override
        public INDArray scratch(long[] shape) {
            return scratch.computeIfAbsent(java.util.Arrays.toString(shape), k -> Nd4j.create(DataType.FLOAT, shape));
        }

        @Override
        public INDArray zeros(long[] shape) {
            return Nd4j.zeros(DataType.FLOAT, shape);
        }

        @Override
        public INDArray row(long m, double value) {
            return Nd4j.valueArrayOf(new long[] {1, m}, value, DataType.FLOAT);
        }

        @Override
        public Runnable prepared(DynamicCustomOp op) {
            return BoundOp.of(op);
        }
    };

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} -> {6}, {4}x{5} kernel, padding {7},{8}, bias {9}")
    @CsvSource({
        "4, 12, 12, 3, 3, 3, 16, 1, 1, false",
        "3, 14, 14, 1, 5, 5, 6, 0, 0, true",
        "2, 7, 9, 5, 1, 1, 4, 0, 0, false",
        "3, 10, 8, 2, 3, 2, 5, 1, 0, true",
    })
    void equalsNativeGradient(int n, int h, int w, int c, int kh, int kw, int o, int ph, int pw, boolean bias) {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, h, w, c);
        INDArray weights = Nd4j.randn(DataType.FLOAT, kh, kw, c, o);
        INDArray b = Nd4j.randn(DataType.FLOAT, o);
        long oh = h + 2L * ph - kh + 1;
        long ow = w + 2L * pw - kw + 1;
        INDArray g = Nd4j.randn(DataType.FLOAT, n, oh, ow, o);
        long[] iArgs = {kh, kw, 1, 1, ph, pw, 1, 1, 0, 1, 0};

        List<INDArray> in = new ArrayList<>(bias ? List.of(x, weights, b, g) : List.of(x, weights, g));
        List<INDArray> expected = outputs(x, weights, bias);
        DynamicCustomOp reference = DynamicCustomOp.builder("conv2d_bp").addInputs(in.toArray(INDArray[]::new))
                .addOutputs(expected.toArray(INDArray[]::new)).build();
        reference.addIArgument(iArgs);
        Nd4j.exec(reference);

        List<INDArray> actual = outputs(x, weights, bias);
        Runnable kernel = ConvWeightGradient.kernel(iArgs, in, actual, WORK);
        assertNotNull(kernel, "a stride-1 convolution takes the kernel");
        kernel.run();
        kernel.run(); // a second step must not see the first one's values
        for (int i = 1; i < expected.size(); i++) {
            double scale = expected.get(i).amaxNumber().doubleValue();
            double diff = expected.get(i).sub(actual.get(i)).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-5 * scale, (i == 1 ? "weight" : "bias") + " gradient differs by " + diff
                    + " at scale " + scale);
        }
    }

    @Test
    void declinesStridedAndDilatedConvolutions() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 8, 8, 3);
        INDArray weights = Nd4j.randn(DataType.FLOAT, 3, 3, 3, 4);
        INDArray g = Nd4j.randn(DataType.FLOAT, 2, 4, 4, 4);
        assertNull(ConvWeightGradient.kernel(new long[] {3, 3, 2, 2, 1, 1, 1, 1, 0, 1, 0}, List.of(x, weights, g),
                outputs(x, weights, false), WORK));
        assertNull(ConvWeightGradient.kernel(new long[] {3, 3, 1, 1, 1, 1, 2, 2, 0, 1, 0}, List.of(x, weights, g),
                outputs(x, weights, false), WORK));
    }

    private static List<INDArray> outputs(INDArray x, INDArray weights, boolean bias) {
        List<INDArray> out = new ArrayList<>(List.of(Nd4j.create(DataType.FLOAT, x.shape()),
                Nd4j.create(DataType.FLOAT, weights.shape())));
        if (bias) {
            out.add(Nd4j.create(DataType.FLOAT, weights.size(3)));
        }
        return out;
    }
}
