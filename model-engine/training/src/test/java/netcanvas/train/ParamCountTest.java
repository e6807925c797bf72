package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The compiled graph holds exactly the trainable parameters PyTorch counts, and every layer's output has the shape
 * the analysis (which follows PyTorch's size arithmetic) predicts.
 */
class ParamCountTest {

    /** Compiles, runs two samples through and checks every layer's shape; returns the trainable count. */
    private static long compileAndCheckShapes(Network net) throws Exception {
        Analysis a = Analyzer.analyze(net);
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        var in = a.layers().get(0).output();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, in.channels(), in.height(), in.width());
        // Input and Output lower to the fixed names "input" and "logits".
        java.util.function.Function<LayerResult, String> nameOf = r -> r.spec() instanceof Input ? CompiledNet.INPUT
                : r.spec() instanceof Output ? CompiledNet.LOGITS : r.id();
        String[] names = a.layers().stream().skip(1).map(nameOf).toArray(String[]::new);
        Map<String, INDArray> out = c.sd().output(Map.of(CompiledNet.INPUT, x), names);
        for (LayerResult r : a.layers().subList(1, a.layers().size())) {
            long[] expected = r.output().spatial()
                    ? new long[] {2, r.output().height(), r.output().width(), r.output().channels()} // NHWC
                    : new long[] {2, r.output().channels()};
            long[] actual = out.get(nameOf.apply(r)).shape();
            if (!r.output().spatial() && actual.length == 4) {
                actual = new long[] {actual[0], actual[1] * actual[2] * actual[3]};
            }
            assertArrayEquals(expected, actual, "shape of " + r.id());
        }
        assertEquals(a.totals().trainableParams(), c.trainableParams(), "trainable parameters");
        return c.trainableParams();
    }

    @Test
    void lenet5() throws Exception {
        // conv1 6*(1*25+1)=156, conv2 16*(6*25+1)=2,416, fc 400*120+120=48,120, 120*84+84=10,164, 84*10+10=850.
        assertEquals(61_706, compileAndCheckShapes(TestNets.lenet5()));
    }

    @Test
    void resnet18() throws Exception {
        // torchvision resnet18(num_classes=10): 11,181,642 parameters (11,689,512 with 1000 classes).
        assertEquals(11_181_642, compileAndCheckShapes(TestNets.resnet(false, new int[] {2, 2, 2, 2}, 32, 10)));
    }

    @Test
    void bottleneckResnet() throws Exception {
        // torchvision resnet50(num_classes=10): 23,528,522 parameters.
        assertEquals(23_528_522, compileAndCheckShapes(TestNets.resnet(true, new int[] {3, 4, 6, 3}, 32, 10)));
    }

    @Test
    void groupedDilatedAndCeilPooling() throws Exception {
        Network net = new NetBuilder("grouped").input(4, 11, 11)
                .then("c1", new Conv2d(8, Hw.of(3), Hw.of(1), Padding.SAME, Hw.of(1), 4, true))
                .then("c2", new Conv2d(8, Hw.of(3), Hw.of(1), Padding.of(2), Hw.of(2), 2, false))
                .then("p1", MaxPool2d.of(3, 2, 1, true))
                .then("p2", new AvgPool2d(Hw.of(2), Hw.of(2), Hw.of(1), true, false))
                .then("ad", new AdaptiveAvgPool(new Hw(2, 3)))
                .then("fc", new Dense(3, true)).then("out", new Output()).build();
        // c1: 8 filters of 4/4*3*3 = 9 weights + 8 biases = 80; c2: 8 * (8/2)*3*3 = 288; fc: 8*2*3*3+3 = 147.
        assertEquals(80 + 288 + 147, compileAndCheckShapes(net));
    }

    @Test
    void inceptionModule() throws Exception {
        Network net = new NetBuilder("inception").input(192, 28, 28)
                .then("inception3a", new InceptionModule(64, 96, 128, 16, 32, 32, false))
                .then("gap", new GlobalAvgPool()).then("fc", new Dense(10, true)).then("out", new Output()).build();
        // GoogLeNet's inception (3a): 1x1 192*64+64 = 12,352; 1x1 192*96+96 = 18,528; 3x3 96*9*128+128 = 110,720;
        // 1x1 192*16+16 = 3,088; 5x5 16*25*32+32 = 12,832; pool proj 192*32+32 = 6,176: 163,696.
        // fc: 256*10+10 = 2,570.
        assertEquals(163_696 + 2_570, compileAndCheckShapes(net));
    }

    @Test
    void denseBlockAndSqueezeExcitation() throws Exception {
        Network net = new NetBuilder("dense").input(3, 16, 16)
                .then("conv0", Conv2d.of(16, 3, 1, 1, false))
                .then("block", new DenseBlock(2, 8, 4)).then("trans", new Transition(0.5))
                .then("se", new SqueezeExcitation(4)).then("lrn", new LocalResponseNorm(3, 1e-4, 0.75, 2))
                .then("gap", new GlobalAvgPool()).then("fc", new Dense(5, true)).then("out", new Output()).build();
        // Computed by the analysis, which follows torchvision's DenseNet layout; asserted equal above.
        compileAndCheckShapes(net);
    }
}
