package netcanvas.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Shape and cost rules of every primitive kind, against hand-computed values. Figures marked "PyTorch" were also
 * printed by src/test/python/reference_values.py (PyTorch 1.13); see reference_values.txt beside it.
 */
class PrimitiveRulesTest {

    private static Shape out(PrimitiveSpec p, Shape... in) throws ShapeException {
        return p.outputShape(List.of(in));
    }

    private static Cost cost(PrimitiveSpec p, Shape... in) throws ShapeException {
        return p.cost(List.of(in), p.outputShape(List.of(in)));
    }

    private static Shape chw(long c, long h, long w) {
        return Shape.chw(c, h, w);
    }

    @Test
    void registryHoldsExactlyTheTwentySixPrimitivesAndFifteenComposites() {
        // If a kind is added, this test (and the per-kind tests below) must be extended with its rules.
        String primitives = LayerKinds.ALL.stream().filter(k -> !k.composite()).map(LayerKind::name)
                .collect(Collectors.joining(","));
        String composites = LayerKinds.ALL.stream().filter(LayerKind::composite).map(LayerKind::name)
                .collect(Collectors.joining(","));
        assertEquals("input,conv2d,maxpool2d,avgpool2d,global_avgpool,adaptive_avgpool,flatten,dense,relu,"
                + "leaky_relu,tanh,sigmoid,relu6,silu,hardswish,hardsigmoid,softmax,dropout,batchnorm,lrn,concat,add,scale,"
                + "channel_shuffle,channel_slice,output", primitives);
        assertEquals("inception,residual_basic,residual_bottleneck,squeeze_excitation,dense_block,transition,"
                + "inverted_residual,fire,shufflenet_v2_unit,inception_v3_a,inception_v3_b,inception_v3_c,"
                + "inception_v3_d,inception_v3_e,stage",
                composites);
    }

    // ---- Input

    @Test
    void inputGivesItsShapeAndCostsNothing() throws ShapeException {
        Input in = new Input(3, 224, 224);
        assertEquals(chw(3, 224, 224), out(in));
        assertEquals(Cost.FREE, cost(in));
        assertEquals(0, in.minInputs());
        assertEquals(0, in.maxInputs());
    }

    // ---- Conv2d

    @Test
    void convStridePadding() throws ShapeException {
        // ResNet stem, 3x224x224, 7x7/2 pad 3, 64 out, no bias:
        // H' = floor((224 + 2*3 - 1*(7-1) - 1) / 2) + 1 = floor(223/2) + 1 = 112   (PyTorch: 64x112x112)
        // params = 64 * 3 * 7*7 = 9,408 (PyTorch); MACs = 64*112*112 * 3*7*7 = 12,544 * 9,408 = 118,013,952
        Conv2d c = Conv2d.of(64, 7, 2, 3, false);
        Shape in = chw(3, 224, 224);
        assertEquals(chw(64, 112, 112), out(c, in));
        assertEquals(new Cost(9_408, 0, 118_013_952, 0), cost(c, in));
    }

    @Test
    void convDilation() throws ShapeException {
        // 16x32x32, 3x3, pad 2, dilation 2, 8 out, bias:
        // H' = floor((32 + 4 - 2*(3-1) - 1) / 1) + 1 = 31 + 1 = 32   (PyTorch: 8x32x32)
        // params = 8*16*9 + 8 = 1,160 (PyTorch); MACs = 8*32*32 * 16*9 = 8,192 * 144 = 1,179,648
        Conv2d c = new Conv2d(8, Hw.of(3), Hw.of(1), Padding.of(2), Hw.of(2), 1, true);
        Shape in = chw(16, 32, 32);
        assertEquals(chw(8, 32, 32), out(c, in));
        assertEquals(new Cost(1_160, 0, 1_179_648, 0), cost(c, in));
        // the window a dilated 3x3 covers: 2*(3-1) + 1 = 5
        assertEquals(new Window(5, 1), c.window(List.of(in)));
    }

    @Test
    void convGroups() throws ShapeException {
        // 64x56x56, 3x3/2 pad 1, 4 groups, 128 out, no bias:
        // H' = floor((56 + 2 - 2 - 1) / 2) + 1 = 27 + 1 = 28   (PyTorch: 128x28x28)
        // params = 128 * (64/4) * 9 = 18,432 (PyTorch); MACs = 128*28*28 * 16*9 = 100,352 * 144 = 14,450,688
        Conv2d c = new Conv2d(128, Hw.of(3), Hw.of(2), Padding.of(1), Hw.of(1), 4, false);
        Shape in = chw(64, 56, 56);
        assertEquals(chw(128, 28, 28), out(c, in));
        assertEquals(new Cost(18_432, 0, 14_450_688, 0), cost(c, in));
    }

    @Test
    void convSamePaddingKeepsSizeEvenForEvenKernels() throws ShapeException {
        // 10x15x17, 4x5 kernel, "same", 20 out, bias: output 20x15x17 (PyTorch)
        // params = 20 * 10 * 4*5 + 20 = 4,020 (PyTorch); MACs = 20*15*17 * 10*20 = 5,100 * 200 = 1,020,000
        Conv2d c = new Conv2d(20, new Hw(4, 5), Hw.of(1), Padding.SAME, Hw.of(1), 1, true);
        Shape in = chw(10, 15, 17);
        assertEquals(chw(20, 15, 17), out(c, in));
        assertEquals(new Cost(4_020, 0, 1_020_000, 0), cost(c, in));
        // with dilation 3 as well: 4x9x9 stays 4x9x9 (PyTorch); params 4*4*9 + 4 = 148 (PyTorch)
        Conv2d d = new Conv2d(4, Hw.of(3), Hw.of(1), Padding.SAME, Hw.of(3), 1, true);
        assertEquals(chw(4, 9, 9), out(d, chw(4, 9, 9)));
        assertEquals(148, cost(d, chw(4, 9, 9)).params());
    }

    @Test
    void convRectangularKernelStrideAndPadding() throws ShapeException {
        // 3x20x30, kernel 3x5, stride 2x3, pad 1x2, 6 out, bias:
        // H' = floor((20 + 2 - 2 - 1) / 2) + 1 = floor(19/2) + 1 = 10
        // W' = floor((30 + 4 - 4 - 1) / 3) + 1 = floor(29/3) + 1 = 10   (PyTorch: 6x10x10)
        // params = 6 * 3 * 15 + 6 = 276 (PyTorch); MACs = 6*10*10 * 3*15 = 27,000
        Conv2d c = new Conv2d(6, new Hw(3, 5), new Hw(2, 3), Padding.of(1, 2), Hw.of(1), 1, true);
        Shape in = chw(3, 20, 30);
        assertEquals(chw(6, 10, 10), out(c, in));
        assertEquals(new Cost(276, 0, 27_000, 0), cost(c, in));
    }

    @Test
    void convRefusesWhatPyTorchRefuses() {
        // "same" with stride 2: PyTorch says "padding='same' is not supported for strided convolutions"
        Conv2d same2 = new Conv2d(4, Hw.of(3), Hw.of(2), Padding.SAME, Hw.of(1), 1, true);
        ShapeException e = assertThrows(ShapeException.class, () -> out(same2, chw(4, 8, 8)));
        assertTrue(e.getMessage().contains("stride 1"), e.getMessage());
        // 6 input channels, 4 groups
        ShapeException g = assertThrows(ShapeException.class,
                () -> out(Conv2d.of(8, 3, 1, 1, true).withGroups(4), chw(6, 8, 8)));
        assertTrue(g.getMessage().contains("not divisible by groups 4"), g.getMessage());
        // 5x5 kernel on a 3x3 input without padding: H' = floor((3 - 4 - 1)/1) + 1 = -1 -> no output
        ShapeException s = assertThrows(ShapeException.class, () -> out(Conv2d.of(8, 5, 1, 0, true), chw(1, 3, 3)));
        assertTrue(s.getMessage().contains("does not fit"), s.getMessage());
        // a flat vector
        assertThrows(ShapeException.class, () -> out(Conv2d.of(8, 1, 1, 0, true), Shape.features(10)));
    }

    // ---- pooling

    @Test
    void maxPoolWithPadding() throws ShapeException {
        // 64x112x112, 3x3/2 pad 1: H' = floor((112 + 2 - 3) / 2) + 1 = 55 + 1 = 56   (PyTorch: 64x56x56)
        // ops = 64*56*56 outputs * 9 = 200,704 * 9 = 1,806,336
        MaxPool2d p = MaxPool2d.of(3, 2, 1, false);
        Shape in = chw(64, 112, 112);
        assertEquals(chw(64, 56, 56), out(p, in));
        assertEquals(Cost.ops(1_806_336), cost(p, in));
        assertEquals(new Window(3, 2), p.window(List.of(in)));
    }

    @Test
    void ceilModeRoundsUp() throws ShapeException {
        // 6x6, 3x3/2: floor((6 - 3)/2) + 1 = 2; ceil: ceil(3/2) + 1 = 3, and the last window starts at
        // (3-1)*2 = 4 < 6, inside the input, so it stays   (PyTorch: 3 ceil, 2 floor)
        assertEquals(chw(1, 3, 3), out(MaxPool2d.of(3, 2, 0, true), chw(1, 6, 6)));
        assertEquals(chw(1, 2, 2), out(MaxPool2d.of(3, 2, 0, false), chw(1, 6, 6)));
        // GoogLeNet: 112, 3x3/2 ceil: ceil((112 - 3)/2) + 1 = ceil(54.5) + 1 = 56   (PyTorch: 56)
        assertEquals(chw(64, 56, 56), out(MaxPool2d.of(3, 2, 0, true), chw(64, 112, 112)));
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheRightPadding() throws ShapeException {
        // 5x5, 2x2/2 pad 1, ceil: ceil((5 + 2 - 2)/2) + 1 = ceil(2.5) + 1 = 4, but the 4th window would start at
        // (4-1)*2 = 6 >= 5 + 1 (input + left padding), entirely in the right padding, so PyTorch drops it: 3
        assertEquals(chw(1, 3, 3), out(MaxPool2d.of(2, 2, 1, true), chw(1, 5, 5)));
        // 4x10, 3x3/3 pad 1, ceil: H: ceil(3/3) + 1 = 2, last start 3 < 5 stays; W: ceil(9/3) + 1 = 4, last start
        // 9 < 11 stays   (PyTorch: 1x2x4)
        assertEquals(chw(1, 2, 4), out(MaxPool2d.of(3, 3, 1, true), chw(1, 4, 10)));
        // AvgPool 7x7, 2x2/2 pad 1, ceil: ceil((7 + 2 - 2)/2) + 1 = 4 + 1 = 5; last start 8 >= 7 + 1 -> 4
        // (PyTorch: 8x4x4); ops = 8*4*4 * 4 = 512
        AvgPool2d a = new AvgPool2d(Hw.of(2), Hw.of(2), Hw.of(1), true, true);
        assertEquals(chw(8, 4, 4), out(a, chw(8, 7, 7)));
        assertEquals(Cost.ops(512), cost(a, chw(8, 7, 7)));
    }

    @Test
    void avgPoolRectangular() throws ShapeException {
        // 2x9x9, kernel 2x3, stride 2x1, pad 1x0:
        // H' = floor((9 + 2 - 2)/2) + 1 = 4 + 1 = 5; W' = floor((9 - 3)/1) + 1 = 7   (PyTorch: 2x5x7)
        // ops = 2*5*7 * 2*3 = 420
        AvgPool2d a = new AvgPool2d(new Hw(2, 3), new Hw(2, 1), new Hw(1, 0), false, true);
        assertEquals(chw(2, 5, 7), out(a, chw(2, 9, 9)));
        assertEquals(Cost.ops(420), cost(a, chw(2, 9, 9)));
    }

    @Test
    void poolPaddingOverHalfTheKernelIsRefused() {
        // PyTorch: "pad should be at most half of kernel size, but got pad=2 and kernel_size=3"
        ShapeException e = assertThrows(ShapeException.class, () -> out(MaxPool2d.of(3, 1, 2, false), chw(1, 8, 8)));
        assertTrue(e.getMessage().contains("more than half"), e.getMessage());
        // pad 1 of kernel 2 is exactly half: allowed
        assertEquals(chw(1, 5, 5), assertDoesNotThrowShape(AvgPool2d.of(2, 2, 1), chw(1, 8, 8)));
    }

    private static Shape assertDoesNotThrowShape(PrimitiveSpec p, Shape in) {
        try {
            return out(p, in);
        } catch (ShapeException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Test
    void poolWindowLargerThanInput() {
        ShapeException e = assertThrows(ShapeException.class, () -> out(MaxPool2d.of(3, 2, 0, false), chw(1, 2, 2)));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void adaptiveAvgPool() throws ShapeException {
        // AlexNet: 256x13x13 -> 256x6x6 (PyTorch). PyTorch's windows run from floor(i*13/6) to ceil((i+1)*13/6):
        // [0,3) [2,5) [4,7) [6,9) [8,11) [10,13): each 3 = ceil(13/6) wide, so ops = 256*6*6 * 3*3 = 82,944
        AdaptiveAvgPool a = new AdaptiveAvgPool(Hw.of(6));
        Shape in = chw(256, 13, 13);
        assertEquals(chw(256, 6, 6), out(a, in));
        assertEquals(Cost.ops(82_944), cost(a, in));
        assertThrows(ShapeException.class, () -> out(a, Shape.features(100)));
    }

    @Test
    void globalAvgPool() throws ShapeException {
        // 2048x7x7 -> 2048x1x1 (PyTorch), one add per input element: 2048*49 = 100,352
        GlobalAvgPool g = new GlobalAvgPool();
        Shape in = chw(2048, 7, 7);
        assertEquals(chw(2048, 1, 1), out(g, in));
        assertEquals(Cost.ops(100_352), cost(g, in));
        // its window is the whole 7-pixel plane
        assertEquals(new Window(7, 7), g.window(List.of(in)));
    }

    // ---- Flatten, Dense

    @Test
    void flatten() throws ShapeException {
        // 512x7x7 -> 512*7*7 = 25,088 features, free
        assertEquals(Shape.features(25_088), out(new Flatten(), chw(512, 7, 7)));
        assertEquals(Cost.FREE, cost(new Flatten(), chw(512, 7, 7)));
    }

    @Test
    void denseFlattensASpatialInputItself() throws ShapeException {
        // AlexNet fc6: 256x6x6 = 9,216 features -> 4,096: params = 9,216*4,096 + 4,096 = 37,752,832 (PyTorch)
        // MACs = 9,216 * 4,096 = 37,748,736
        Dense d = new Dense(4096, true);
        assertEquals(Shape.features(4096), out(d, chw(256, 6, 6)));
        assertEquals(new Cost(37_752_832, 0, 37_748_736, 0), cost(d, chw(256, 6, 6)));
        assertEquals(new Cost(37_752_832, 0, 37_748_736, 0), cost(d, Shape.features(9216)));
        // no bias: 100 -> 10 = 1,000 params and MACs
        assertEquals(new Cost(1_000, 0, 1_000, 0), cost(new Dense(10, false), Shape.features(100)));
    }

    // ---- element-wise

    @Test
    void elementwiseLayersKeepTheShapeAndCostOneOpPerElement() throws ShapeException {
        // 64x56x56 = 200,704 elements; no parameters (PyTorch: ReLU6, SiLU, Hardswish, Hardsigmoid have none)
        Shape in = chw(64, 56, 56);
        for (PrimitiveSpec p : List.of(new ReLU(), new LeakyReLU(0.01), new Tanh(), new Sigmoid(), new ReLU6(),
                new SiLU(), new Hardswish(), new Hardsigmoid(), new Softmax(), new Dropout(0.5))) {
            assertEquals(in, out(p, in), p.kind());
            assertEquals(Cost.ops(200_704), cost(p, in), p.kind());
            assertEquals(Window.POINTWISE, p.window(List.of(in)), p.kind());
            assertEquals(Shape.features(10), out(p, Shape.features(10)), p.kind());
        }
        assertEquals(Cost.ops(10), cost(new Softmax(), Shape.features(10)));
    }

    // ---- channel operations

    @Test
    void channelShuffleKeepsTheShapeAndCostsNothing() throws ShapeException {
        // ShuffleNet v2's shuffle of 116 channels in 2 groups at 28x28: a permutation (PyTorch's ChannelShuffle has
        // no parameters), so 116x28x28 out and no parameters, MACs or operations
        Shape in = chw(116, 28, 28);
        assertEquals(in, out(new ChannelShuffle(2), in));
        assertEquals(Cost.FREE, cost(new ChannelShuffle(2), in));
        assertEquals(Shape.features(12), out(new ChannelShuffle(3), Shape.features(12)));
        assertEquals(Window.POINTWISE, new ChannelShuffle(2).window(List.of(in)));
        ShapeException e = assertThrows(ShapeException.class, () -> out(new ChannelShuffle(3), chw(116, 28, 28)));
        assertTrue(e.getMessage().startsWith("116 channels are not divisible by groups 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChannelShuffle(0));
    }

    @Test
    void channelSliceKeepsCountChannelsAndCostsNothing() throws ShapeException {
        // torch.chunk(x, 2, dim=1) of 232x14x14: two halves of 116 channels, channels 0-115 and 116-231
        Shape in = chw(232, 14, 14);
        assertEquals(chw(116, 14, 14), out(new ChannelSlice(0, 116), in));
        assertEquals(chw(116, 14, 14), out(new ChannelSlice(116, 116), in));
        assertEquals(Cost.FREE, cost(new ChannelSlice(116, 116), in));
        assertEquals(Shape.features(3), out(new ChannelSlice(7, 3), Shape.features(10)));
        ShapeException e = assertThrows(ShapeException.class, () -> out(new ChannelSlice(116, 117), in));
        assertTrue(e.getMessage().startsWith("channels 116 to 232 do not exist: the input has 232 (0 to 231)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChannelSlice(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChannelSlice(0, 0));
    }

    // ---- normalisation

    @Test
    void batchNormHasTwoParamsAndTwoStateValuesPerChannel() throws ShapeException {
        // BatchNorm2d(64): weight + bias = 128 params, running mean + var = 128 (PyTorch); 64*56*56 = 200,704 ops
        Shape in = chw(64, 56, 56);
        assertEquals(in, out(BatchNorm.standard(), in));
        assertEquals(new Cost(128, 128, 0, 200_704), cost(BatchNorm.standard(), in));
        // BatchNorm1d(100): 200 params (PyTorch)
        assertEquals(new Cost(200, 200, 0, 100), cost(BatchNorm.standard(), Shape.features(100)));
    }

    @Test
    void localResponseNorm() throws ShapeException {
        // AlexNet (paper) 96x55x55, size 5: shape kept (PyTorch); ops = 96*55*55 * 5 = 290,400 * 5 = 1,452,000
        LocalResponseNorm l = new LocalResponseNorm(5, 1e-4, 0.75, 2);
        assertEquals(chw(96, 55, 55), out(l, chw(96, 55, 55)));
        assertEquals(Cost.ops(1_452_000), cost(l, chw(96, 55, 55)));
        assertThrows(ShapeException.class, () -> out(l, Shape.features(96)));
    }

    // ---- merges

    @Test
    void concatSumsChannels() throws ShapeException {
        // 64 + 128 + 32 = 224 channels at 28x28; free
        Shape s = out(new Concat(), chw(64, 28, 28), chw(128, 28, 28), chw(32, 28, 28));
        assertEquals(chw(224, 28, 28), s);
        assertEquals(Cost.FREE, cost(new Concat(), chw(64, 28, 28), chw(128, 28, 28)));
        assertEquals(Shape.features(30), out(new Concat(), Shape.features(10), Shape.features(20)));
        assertEquals(2, new Concat().minInputs());
    }

    @Test
    void concatRefusesUnequalHeightOrWidth() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> out(new Concat(), chw(64, 28, 28), chw(64, 14, 14)));
        assertTrue(e.getMessage().contains("64x28x28") && e.getMessage().contains("64x14x14"), e.getMessage());
    }

    @Test
    void addKeepsTheShapeAndCostsOneOpPerElementPerExtraInput() throws ShapeException {
        // 256x56x56 = 802,816 elements; two inputs: one add each; three inputs: two adds each = 1,605,632
        Shape in = chw(256, 56, 56);
        assertEquals(in, out(new Add(), in, in));
        assertEquals(Cost.ops(802_816), cost(new Add(), in, in));
        assertEquals(Cost.ops(1_605_632), cost(new Add(), in, in, in));
    }

    @Test
    void addRefusesUnequalShapesAndShowsBoth() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> out(new Add(), chw(256, 56, 56), chw(64, 56, 56)));
        assertTrue(e.getMessage().contains("256x56x56") && e.getMessage().contains("64x56x56"), e.getMessage());
    }

    @Test
    void scaleMultipliesEachChannel() throws ShapeException {
        // 64x8x8 times 64x1x1 (or 64 features): 64x8x8, 4,096 multiplies
        Shape x = chw(64, 8, 8);
        assertEquals(x, out(new Scale(), x, chw(64, 1, 1)));
        assertEquals(x, out(new Scale(), x, Shape.features(64)));
        assertEquals(Cost.ops(4_096), cost(new Scale(), x, chw(64, 1, 1)));
        ShapeException e = assertThrows(ShapeException.class, () -> out(new Scale(), x, chw(32, 1, 1)));
        assertTrue(e.getMessage().contains("64x1x1"), e.getMessage());
        assertEquals(2, new Scale().maxInputs());
    }

    // ---- Output

    @Test
    void outputPassesClassScores() throws ShapeException {
        assertEquals(Shape.features(1000), out(new Output(), Shape.features(1000)));
        assertEquals(Cost.ops(1000), cost(new Output(), Shape.features(1000)));
        // a 10x1x1 map (a 1x1-conv classifier after global pooling) is 10 scores
        assertEquals(Shape.features(10), out(new Output(), chw(10, 1, 1)));
        ShapeException e = assertThrows(ShapeException.class, () -> out(new Output(), chw(10, 7, 7)));
        assertTrue(e.getMessage().contains("Dense"), e.getMessage());
    }
}
