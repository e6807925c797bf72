package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A pointwise convolution as matrix products: by hand on two positions, and equal to libnd4j's own {@code conv2d}
 * and {@code conv2d_bp} (oneDNN's, an independent implementation) on the shapes bottlenecks and inverted residuals
 * take, with and without a bias.
 */
class PointwiseConvolutionTest {
    /** conv2d's arguments for a 1x1 kernel: kH, kW, sH, sW, pH, pW, dH, dW, same mode, NHWC, weight format. */
    private static final long[] POINTWISE = {1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0};

    /**
     * Two positions (a batch of two 1x1 images) with channels x = (1, 2) and (3, 4), weights as [C, O] =
     * [[1, 0, -1], [2, 1, 0]], bias (0.5, -1, 2): y = x W + b = (5.5, 1, 1) and (11.5, 3, -1). For the output
     * gradient g = (1, 0, 2) and (-1, 1, 0.5): dx = g W^T = (-1, 2) and (-1.5, -1); dW = x^T g =
     * [[-2, 3, 3.5], [-2, 4, 6]]; the bias gradient is g's column sum (0, 1, 2.5).
     */
    @Test
    void productsByHandWithBiasAndItsGradient() {
        INDArray x = Nd4j.createFromArray(1.0, 2, 3, 4).reshape(2, 1, 1, 2);
        INDArray w = Nd4j.createFromArray(1.0, 0, -1, 2, 1, 0).reshape(1, 1, 2, 3);
        INDArray b = Nd4j.createFromArray(0.5, -1, 2);
        INDArray g = Nd4j.createFromArray(1.0, 0, 2, -1, 1, 0.5).reshape(2, 1, 1, 3);
        INDArray y = Nd4j.create(DataType.DOUBLE, 2, 1, 1, 3);
        INDArray dx = Nd4j.create(DataType.DOUBLE, 2, 1, 1, 2);
        INDArray dw = Nd4j.create(DataType.DOUBLE, 1, 1, 2, 3);
        INDArray db = Nd4j.create(DataType.DOUBLE, 3);
        try (KernelArrays work = new KernelArrays(DataType.DOUBLE)) {
            PointwiseConvolution.forward(POINTWISE, List.of(x, w, b), List.of(y), work).run();
            PointwiseConvolution.gradient(POINTWISE, List.of(x, w, b, g), List.of(dx, dw, db), false, work).run();
        }
        assertArrayEquals(new double[] {5.5, 1, 1, 11.5, 3, -1}, y.data().asDouble(), 1e-12);
        assertArrayEquals(new double[] {-1, 2, -1.5, -1}, dx.data().asDouble(), 1e-12);
        assertArrayEquals(new double[] {-2, 3, 3.5, -2, 4, 6}, dw.data().asDouble(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 2.5}, db.data().asDouble(), 1e-12);
    }

    /** A network's first convolution: its input gradient is read by nothing, so it is neither computed nor written. */
    @Test
    void unreadInputGradientIsLeftAlone() {
        INDArray x = Nd4j.createFromArray(1.0, 2, 3, 4).reshape(2, 1, 1, 2);
        INDArray w = Nd4j.createFromArray(1.0, 0, -1, 2, 1, 0).reshape(1, 1, 2, 3);
        INDArray g = Nd4j.createFromArray(1.0, 0, 2, -1, 1, 0.5).reshape(2, 1, 1, 3);
        INDArray dx = Nd4j.valueArrayOf(new long[] {2, 1, 1, 2}, 7.0, DataType.DOUBLE);
        INDArray dw = Nd4j.create(DataType.DOUBLE, 1, 1, 2, 3);
        try (KernelArrays work = new KernelArrays(DataType.DOUBLE)) {
            PointwiseConvolution.gradient(POINTWISE, List.of(x, w, g), List.of(dx, dw), true, work).run();
        }
        assertArrayEquals(new double[] {7, 7, 7, 7}, dx.data().asDouble(), 0);
        assertArrayEquals(new double[] {-2, 3, 3.5, -2, 4, 6}, dw.data().asDouble(), 1e-12);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} -> {4}, bias {5}")
    @CsvSource({
        "2, 7, 7, 16, 24, true",
        "3, 5, 4, 24, 8, false",
        "1, 14, 14, 64, 256, true",
        "4, 3, 3, 96, 16, false",
    })
    void equalsNativeConvolutionAndGradient(int n, int h, int width, int c, int o, boolean bias) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, h, width, c);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 1, 1, c, o);
        INDArray b = Nd4j.randn(DataType.DOUBLE, o);
        INDArray g = Nd4j.randn(DataType.DOUBLE, n, h, width, o);
        List<INDArray> in = new ArrayList<>(List.of(x, w));
        if (bias) {
            in.add(b);
        }
        List<INDArray> gradIn = new ArrayList<>(in);
        gradIn.add(g);
        List<INDArray> expected = run("conv2d", in, List.of(new long[] {n, h, width, o}));
        List<long[]> gradShapes = new ArrayList<>(List.of(x.shape(), w.shape()));
        if (bias) {
            gradShapes.add(b.shape());
        }
        List<INDArray> expectedGrads = run("conv2d_bp", gradIn, gradShapes);
        INDArray y = Nd4j.create(DataType.DOUBLE, n, h, width, o);
        List<INDArray> grads = new ArrayList<>();
        for (long[] s : gradShapes) {
            grads.add(Nd4j.create(DataType.DOUBLE, s));
        }
        try (KernelArrays work = new KernelArrays(DataType.DOUBLE)) {
            PointwiseConvolution.forward(POINTWISE, in, List.of(y), work).run();
            PointwiseConvolution.gradient(POINTWISE, gradIn, grads, false, work).run();
        }
        assertClose(expected.get(0), y, "y");
        for (int i = 0; i < grads.size(); i++) {
            assertClose(expectedGrads.get(i), grads.get(i), List.of("dx", "dW", "db").get(i));
        }
    }

    /** Anything but a 1x1, stride-1, unpadded, undilated convolution is left to libnd4j. */
    @Test
    void otherConvolutionsAreNotReplaced() {
        INDArray x = Nd4j.create(DataType.FLOAT, 1, 4, 4, 3);
        INDArray w = Nd4j.create(DataType.FLOAT, 1, 1, 3, 5);
        try (KernelArrays work = new KernelArrays(DataType.FLOAT)) {
            assertNotNull(PointwiseConvolution.forward(POINTWISE, List.of(x, w),
                    List.of(Nd4j.create(DataType.FLOAT, 1, 4, 4, 5)), work));
            long[] strided = POINTWISE.clone();
            strided[2] = 2;
            strided[3] = 2;
            assertNull(PointwiseConvolution.forward(strided, List.of(x, w),
                    List.of(Nd4j.create(DataType.FLOAT, 1, 2, 2, 5)), work));
            long[] padded = POINTWISE.clone();
            padded[4] = 1;
            assertNull(PointwiseConvolution.forward(padded, List.of(x, w),
                    List.of(Nd4j.create(DataType.FLOAT, 1, 6, 6, 5)), work));
            long[] threeByThree = {3, 3, 1, 1, 1, 1, 1, 1, 0, 1, 0};
            assertNull(PointwiseConvolution.forward(threeByThree, List.of(x, Nd4j.create(DataType.FLOAT, 3, 3, 3, 5)),
                    List.of(Nd4j.create(DataType.FLOAT, 1, 4, 4, 5)), work));
            long[] nchw = POINTWISE.clone();
            nchw[9] = 0;
            assertNull(PointwiseConvolution.forward(nchw, List.of(x, w),
                    List.of(Nd4j.create(DataType.FLOAT, 1, 4, 4, 5)), work));
        }
    }

    private static List<INDArray> run(String name, List<INDArray> in, List<long[]> outShapes) {
        List<INDArray> out = new ArrayList<>();
        for (long[] s : outShapes) {
            out.add(Nd4j.create(DataType.DOUBLE, s));
        }
        Nd4j.exec(DynamicCustomOp.builder(name).addInputs(in.toArray(INDArray[]::new))
                .addOutputs(out.toArray(INDArray[]::new)).addIntegerArguments(1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0)
                .build());
        return out;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < 1e-10 * scale, what + " differs from libnd4j's by " + diff);
        assertEquals(expected.dataType(), actual.dataType());
    }
}
