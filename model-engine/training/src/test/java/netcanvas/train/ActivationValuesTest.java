package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import netcanvas.graph.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward values of the activations that are built from other ops (or whose ND4J namesakes mean something else), at
 * chosen points on every piece of their definitions, through the SameDiff lowering in double and float precision.
 * The expected values are worked out by hand from PyTorch's documented definitions; PyTorch 1.13's ReLU6, SiLU,
 * Hardswish and Hardsigmoid print the same numbers for these points (see PyTorchExportTest for the exported modules).
 */
class ActivationValuesTest {
    /** Below the hard gate (-4), its corners (-3, 3), the minimum of Hardswish (-1.5), 0, and ReLU6's cap (6). */
    private static final double[] X = {-4, -3, -1.5, -1, 0, 0.5, 1, 3, 5, 6, 7};

    private static void assertValues(double[] expected, LayerSpec layer) throws Exception {
        Network net = new NetBuilder("values").input(1, 1, X.length).then("layer", layer)
                .then("fc", new Dense(2, true)).then("out", new Output()).build();
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            CompiledNet cn = SameDiffCompiler.compile(net, Mode.INFER, t, 1);
            INDArray x = Nd4j.create(X, new long[] {1, 1, 1, X.length}, DataType.DOUBLE).castTo(t);
            INDArray y = cn.sd().output(Map.of(CompiledNet.INPUT, x), "layer").get("layer");
            assertArrayEquals(expected, y.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                    t == DataType.DOUBLE ? 1e-7 : 1e-6, layer.kind() + " in " + t);
        }
    }

    @Test
    void relu6ClipsToZeroAndSix() throws Exception {
        // min(max(x, 0), 6)
        assertValues(new double[] {0, 0, 0, 0, 0, 0.5, 1, 3, 5, 6, 6}, new ReLU6());
    }

    @Test
    void siluIsXTimesSigmoidX() throws Exception {
        // x / (1 + e^-x): -4 / (1 + e^4) = -4 / 55.5981500 = -0.0719448; -3 / 21.0855369 = -0.1422776;
        // -1.5 / 5.4816891 = -0.2736383; -1 / 3.7182818 = -0.2689414; 0.5 / 1.6065307 = 0.3112297;
        // 1 / 1.3678794 = 0.7310586; 3 / 1.0497871 = 2.8577224; 5 / 1.0067379 = 4.9665357;
        // 6 / 1.0024788 = 5.9851643; 7 / 1.0009119 = 6.9936226
        assertValues(new double[] {-0.0719448, -0.1422776, -0.2736383, -0.2689414, 0, 0.3112297, 0.7310586,
                2.8577224, 4.9665357, 5.9851643, 6.9936226}, new SiLU());
    }

    @Test
    void hardswishIsXTimesRelu6OfXPlusThreeOverSix() throws Exception {
        // x * min(max(x + 3, 0), 6) / 6: 0 up to -3; -1.5 * 1.5 / 6 = -0.375; -1 * 2 / 6 = -1/3; 0.5 * 3.5 / 6 =
        // 0.2916667; 1 * 4 / 6 = 2/3; x from 3 on
        assertValues(new double[] {0, 0, -0.375, -1.0 / 3, 0, 0.2916667, 2.0 / 3, 3, 5, 6, 7}, new Hardswish());
    }

    @Test
    void hardsigmoidHasSlopeOneSixthNotKerasPointTwo() throws Exception {
        // min(max(x + 3, 0), 6) / 6: 0 up to -3; 1.5 / 6 = 0.25; 2 / 6; 3 / 6; 3.5 / 6 = 0.5833333; 4 / 6; 1 from 3 on
        // (Keras' clip(0.2 x + 0.5, 0, 1) would give 0.2 at -1.5 and 0.7 at 1)
        assertValues(new double[] {0, 0, 0.25, 1.0 / 3, 0.5, 0.5833333, 2.0 / 3, 1, 1, 1, 1}, new Hardsigmoid());
    }

    /** nd4j's own swish gradient is NaN in float from x = 45 on (e^x squared overflows); SiLU's must stay finite. */
    @Test
    void siluGradientIsFiniteForLargeInputs() throws Exception {
        Network net = new NetBuilder("silu-large").input(1, 1, 4).then("c", Conv2d.of(1, 1, 1, 0, true))
                .then("layer", new SiLU()).then("fc", new Dense(2, true)).then("out", new Output()).build();
        CompiledNet cn = SameDiffCompiler.compile(net, Mode.TRAIN, DataType.FLOAT, 1);
        cn.sd().getArrForVarName("c/W").assign(1);
        cn.sd().getArrForVarName("c/b").assign(0);
        INDArray x = Nd4j.createFromArray(30f, 50f, 100f, 400f).reshape(1, 1, 1, 4);
        INDArray y = Nd4j.createFromArray(1f, 0f).reshape(1, 2);
        Map<String, INDArray> g = cn.sd().calculateGradients(Map.of(CompiledNet.INPUT, x, CompiledNet.LABEL, y),
                "c/W", "c/b");
        for (var e : g.entrySet()) {
            double v = e.getValue().sumNumber().doubleValue();
            assertTrue(Double.isFinite(v) && v != 0, e.getKey() + " gradient " + e.getValue());
        }
    }
}
