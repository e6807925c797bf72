package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import netcanvas.graph.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward values of the lowerings that rebuild PyTorch semantics from other ops, against PyTorch 1.13's own output
 * (python3-torch, float64) for the input x[i] = sin(0.37 i) in C, H, W order. The script:
 * <pre>
 * x = torch.tensor([math.sin(0.37*i) for i in range(c*h*w)], dtype=torch.float64).reshape(1, c, h, w)
 * nn.MaxPool2d(3, 2, 1, ceil_mode=True)(x)                                          # 2x7x7
 * nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False)(x)                  # 2x7x7
 * nn.AvgPool2d(2, 2, 1)(x)                                                           # 2x6x6
 * nn.AdaptiveAvgPool2d((3, 2))(x)                                                    # 2x5x5
 * nn.LocalResponseNorm(2, 0.1, 0.75, 1.0)(x); nn.LocalResponseNorm(3, 0.1, 0.75, 2.0)(x)  # 5x2x2
 * conv = nn.Conv2d(2, 4, (2, 3), padding='same', dilation=2, groups=2, bias=False)  # 2x5x5
 * conv.weight[o, i, y, x] = math.cos(0.1 * (o*1000 + i*100 + y*10 + x))
 * </pre>
 */
class TorchReferenceTest {

    private static double[] run(LayerSpec layer, int c, int h, int w, boolean setConvWeights) throws Exception {
        Network net = new NetBuilder("ref").input(c, h, w).then("layer", layer).then("fc", new Dense(2, true))
                .then("out", new Output()).build();
        CompiledNet cn = SameDiffCompiler.compile(net, Mode.INFER, DataType.DOUBLE, 1);
        if (setConvWeights) {
            INDArray wt = cn.sd().getArrForVarName("layer/W"); // [kH, kW, in/groups, out]
            for (int o = 0; o < wt.size(3); o++) {
                for (int i = 0; i < wt.size(2); i++) {
                    for (int y = 0; y < wt.size(0); y++) {
                        for (int x = 0; x < wt.size(1); x++) {
                            wt.putScalar(new long[] {y, x, i, o}, Math.cos(0.1 * (o * 1000 + i * 100 + y * 10 + x)));
                        }
                    }
                }
            }
        }
        double[] in = new double[c * h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = Math.sin(0.37 * i);
        }
        INDArray x = Nd4j.create(in, new long[] {1, c, h, w}, DataType.DOUBLE);
        INDArray y = cn.sd().output(Map.of(CompiledNet.INPUT, x), "layer").get("layer");
        // Feature maps are N x H x W x C inside the graph; PyTorch's reference values are N x C x H x W.
        return (y.rank() == 4 ? y.permute(0, 3, 1, 2) : y).dup('c').reshape(-1).toDoubleVector();
    }

    @Test
    void maxPoolCeilPadded() throws Exception {
        assertArrayEquals(new double[] {0.5240443, 0.8956987, 0.9958808, 0.9612752, 0.9964756, 0.9593748, 0.6793047,
                0.8987081, 0.9964756, 0.9970241, 0.9970241, 0.7882521, 0.6842898, 0.9970241, 0.9970241, 0.7882521,
                0.9554405, 0.7840404, 0.9046016, 0.9975263, 0.9554405, 0.9979822, 0.9534068, 0.5006365, 0.9074854,
                0.9979822, 0.9983917, 0.9983917, 0.7755079, 0.6990538, 0.9983917, 0.9983917},
                run(MaxPool2d.of(3, 2, 1, true), 2, 7, 7, false), 1e-6);
    }

    @Test
    void avgPoolCeilExcludingPadding() throws Exception {
        assertArrayEquals(new double[] {0.2665640, 0.2325112, 0.0932035, -0.0501325, 0.1831006, 0.0795352,
                -0.0823801, -0.1849910, 0.2074593, 0.2226634, 0.1486943, 0.0393010, 0.2562720, 0.1720369, -0.0044298,
                -0.1449001, 0.1844874, 0.2515963, 0.2300828, 0.1355795, 0.2299437, 0.1977438, 0.0752404, -0.0485506,
                0.0898867, 0.1828448, 0.2221398, 0.1792182, 0.2436641, 0.2578914, 0.1680150, 0.0393429},
                run(new AvgPool2d(Hw.of(3), Hw.of(2), Hw.of(1), true, false), 2, 7, 7, false), 1e-6);
    }

    @Test
    void avgPoolCountingPadding() throws Exception {
        assertArrayEquals(new double[] {0.0000000, 0.2589758, 0.4728949, 0.2403188, -0.0416414, -0.2958117,
                -0.4354061, -0.1984630, 0.2215472, 0.3894795, 0.1538791, -0.0431287, -0.2486381, -0.3884290,
                -0.0838116, 0.0935721, 0.1710725, 0.4746750, 0.4364205, 0.1280970, -0.1798117, -0.4358855,
                -0.3436060, -0.0761440, 0.1743163, 0.1482893, -0.1677262, -0.1806986, -0.1634775, -0.0772037,
                0.2702642, 0.2268713}, run(AvgPool2d.of(2, 2, 1), 2, 6, 6, false), 1e-6);
    }

    @Test
    void adaptiveAvgPool() throws Exception {
        assertArrayEquals(new double[] {0.5529647, 0.5138689, -0.1143808, -0.1421770, 0.3061466, 0.5540183,
                -0.5173278, -0.5507805, 0.0977556, 0.1424319, -0.2169117, -0.5190212},
                run(new AdaptiveAvgPool(new Hw(3, 2)), 2, 5, 5, false), 1e-6);
    }

    @Test
    void localResponseNorm() throws Exception {
        assertArrayEquals(new double[] {0.0000000, 0.3598523, 0.6630154, 0.8696636, 0.9603796, 0.9249253, 0.7655070,
                0.5038317, 0.1739557, -0.1808290, -0.5123502, -0.7742303, -0.9298453, -0.9586040, -0.8581981,
                -0.6431512, -0.3418320, 0.0065720, 0.3556005, 0.6570250},
                run(new LocalResponseNorm(2, 0.1, 0.75, 1.0), 5, 2, 2, false), 1e-6);
        assertArrayEquals(new double[] {0.0000000, 0.2122257, 0.3955607, 0.5255271, 0.5846833, 0.5639124, 0.4656888,
                0.3050705, 0.1048354, -0.1087270, -0.3084643, -0.4681228, -0.5650250, -0.5842981, -0.5228638,
                -0.3903908, -0.2084946, 0.0040026, 0.2162753, 0.3993858},
                run(new LocalResponseNorm(3, 0.1, 0.75, 2.0), 5, 2, 2, false), 1e-6);
    }

    @Test
    void groupedDilatedSameConvolution() throws Exception {
        double[] torch = {0.6259222, 0.4267595, 0.6892160, 0.5123039, 0.1981862, 0.0715175, 0.5138410, 0.6003469,
                0.3688003, 0.7399101, 1.1689759, 0.9417740, 1.1867908, 0.9512207, 0.6494973, -0.7158342, -1.0329285,
                -1.2544828, -0.8930946, -1.0979004, -0.6592176, 0.0071470, 0.0033045, 0.0108687, 0.6827256, 1.2208698,
                0.8127071, 1.1520105, 0.8626784, 0.3096691, -0.5641511, -0.2795464, -0.4297228, -0.4269833,
                -0.1248311, 0.8105469, 0.8838878, 1.0695591, 0.8440664, 0.8600637, 0.1173935, -0.2076353, -0.1597973,
                -0.0382496, -0.3492192, -0.6016018, 0.0252207, 0.0715316, 0.0279735, 0.6230675, -1.6516722,
                -1.2344658, -1.6428262, -1.2364723, -0.6492684, 1.0179025, 1.0365242, 1.3731449, 1.1245167, 1.0438571,
                -0.0479090, -0.4226177, -0.4379199, -0.3220292, -0.6898753, -0.9914960, -0.8035855, -1.1317720,
                -0.9470205, -0.6636113, 0.5596576, 0.1624265, 0.1272384, 0.1348611, -0.2281707, -1.4897226,
                -1.1059612, -1.3973221, -1.0450793, -0.5387995, 1.0814577, 1.3663868, 1.7729469, 1.3875050, 1.5279883,
                0.6539288, 0.1350553, 0.2735974, 0.2406635, -0.3225288, -1.4418905, -1.4408266, -1.9237485,
                -1.5201540, -1.3502167, 0.0909280, 0.0043649, -0.1002068, -0.0269384, -0.0458230};
        assertArrayEquals(torch, run(new Conv2d(4, new Hw(2, 3), Hw.of(1), Padding.SAME, Hw.of(2), 2, false), 2, 5, 5,
                true), 1e-6);
    }
}
