package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import netcanvas.graph.*;
import netcanvas.kinds.KindNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks, in double precision on tiny shapes, for the lowering of every primitive kind
 * (dropout is random, so it gets a statistical test instead): every kind of the registry at its defaults, and the
 * parameter choices that matter by hand. A convolution in front of each parameter-free layer makes the check cover
 * the gradient flowing through that layer.
 */
class GradientCheckTest {

    private static void check(NetBuilder b, int classes) throws Exception {
        check(b, classes, 1, null);
    }

    /**
     * Every kind of the registry but those whose training forward is random (dropout: tested below) and those too
     * wide even at their smallest for finite differences in double (Inception v3's modules have fixed branch widths,
     * millions of weights: their layers' lowerings are each checked here, and PresetTrainingTest trains the preset).
     */
    static List<String> deterministicKinds() {
        return LayerKinds.ALL.stream().filter(k -> k.type() != Dropout.class)
                .filter(k -> netcanvas.analysis.Analyzer.analyze(KindNetworks.around(KindNetworks.small(k), 3))
                        .totals().trainableParams() <= MAX_CHECKED_WEIGHTS)
                .map(LayerKind::name).toList();
    }

    /** The widest network {@link #everyKindAtSmallDefaults} checks (the small blocks have a few thousand). */
    private static final long MAX_CHECKED_WEIGHTS = 200_000;

    /**
     * Every kind at its defaults made small ({@link KindNetworks#small}: finite differences cost a forward pass per
     * sampled weight), behind a 1x1 convolution so the check covers the gradient through it: a new kind is checked
     * by existing.
     */
    @ParameterizedTest
    @MethodSource("deterministicKinds")
    void everyKindAtSmallDefaults(String kind) throws Exception {
        check(KindNetworks.around(KindNetworks.small(LayerKinds.named(kind)), 3), 1, null);
    }

    /** The check on inputs uniform in [-spread/2, spread/2); returns layer {@code watch}'s values (null: none). */
    private static INDArray check(NetBuilder b, int classes, double spread, String watch) throws Exception {
        return check(b.then("fc", new Dense(classes, true)).then("out", new Output()).build(), spread, watch);
    }

    private static INDArray check(Network net, double spread, String watch) throws Exception {
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, DataType.DOUBLE, 7);
        Input in = (Input) net.nodes().get(0).spec();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, in.channels(), in.height(), in.width()).subi(0.5).muli(spread);
        int classes = c.classes();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, classes);
        y.putScalar(0, 1, 1.0);
        y.putScalar(1, classes - 1, 1.0);
        Map<String, INDArray> feed = Map.of(CompiledNet.INPUT, x, CompiledNet.LABEL, y);
        var bad = FiniteDifferences.check(c.sd(), feed, CompiledNet.LOSS, 12);
        assertTrue(bad.isEmpty(), net.name() + ": " + bad);
        return watch == null ? null : c.sd().output(feed, watch).get(watch);
    }

    /** One-hot labels, image i of class i mod classes. */
    private static INDArray roundRobinLabels(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        return y;
    }

    private static NetBuilder conv(String name, int channels, int size) {
        return new NetBuilder(name).input(2, size, size).then("c", Conv2d.of(channels, 3, 1, 1, true));
    }

    @Test
    void convolutionGroupedDilatedSame() throws Exception {
        check(new NetBuilder("conv").input(4, 6, 6)
                .then("c1", new Conv2d(4, Hw.of(3), new Hw(2, 1), Padding.of(1), Hw.of(1), 2, true))
                .then("c2", new Conv2d(4, new Hw(2, 3), Hw.of(1), Padding.SAME, Hw.of(2), 1, false)), 3);
    }

    /**
     * Grouped 3x3 convolutions as lowered for ResNeXt (im2col and a product batched over the groups): 2 and 4 groups,
     * stride 1 and 2, zero padding and none, with and without bias, and a grouped convolution feeding another, so
     * the input gradient of the lowering is checked as well as its weight gradient.
     */
    @Test
    void groupedConvolutions() throws Exception {
        check(new NetBuilder("grouped2").input(4, 6, 6)
                .then("g1", new Conv2d(6, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 2, true))
                .then("g2", new Conv2d(4, Hw.of(3), Hw.of(2), Padding.of(1), Hw.of(1), 2, false)), 3);
        check(new NetBuilder("grouped4").input(8, 7, 7)
                .then("g1", new Conv2d(8, Hw.of(3), Hw.of(2), Padding.of(0), Hw.of(1), 4, true))
                .then("g2", new Conv2d(12, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 4, false))
                .then("g3", new Conv2d(4, Hw.of(3), Hw.of(1), Padding.of(0), Hw.of(1), 4, true)), 3);
    }

    @Test
    void maxPoolingWithPaddingAndCeil() throws Exception {
        check(conv("maxpool", 3, 7).then("p", MaxPool2d.of(3, 2, 1, true)), 3);
    }

    @Test
    void averagePoolingWithPaddingAndCeil() throws Exception {
        check(conv("avgpool", 3, 7).then("p", new AvgPool2d(Hw.of(3), Hw.of(2), Hw.of(1), true, false)), 3);
        check(conv("avgpool2", 3, 6).then("p", AvgPool2d.of(2, 2, 1)), 3);
    }

    @Test
    void globalAndAdaptivePooling() throws Exception {
        check(conv("gap", 3, 5).then("p", new GlobalAvgPool()), 3);
        check(conv("adaptive", 3, 5).then("p", new AdaptiveAvgPool(new Hw(3, 2))), 3);
    }

    @Test
    void flattenAndActivations() throws Exception {
        check(conv("act", 3, 4).then("t", new Tanh()).then("s", new Sigmoid()).then("l", new LeakyReLU(0.1))
                .then("r", new ReLU()).then("f", new Flatten()).then("d", new Dense(5, true)).then("sm", new Softmax()),
                3);
    }

    /** The new activations near zero, where ReLU6 bends, Hardswish curves and SiLU dips. */
    @Test
    void hardAndSmoothActivationsNearZero() throws Exception {
        check(conv("act6", 3, 4).then("r6", new ReLU6()).then("s", new SiLU()).then("hs", new Hardswish())
                .then("hg", new Hardsigmoid()), 3);
    }

    /**
     * Each new activation on pre-activations spread over about [-12, 12]: both flat parts of ReLU6 and the hard gate
     * of Hardswish and Hardsigmoid, their slopes, and SiLU's tails. (A sampled value lands within the step of 1e-6
     * of a corner at -3, 0, 3 or 6 with negligible probability.)
     */
    @Test
    void hardAndSmoothActivationsOverTheirWholeRange() throws Exception {
        for (LayerSpec act : new LayerSpec[] {new ReLU6(), new SiLU(), new Hardswish(), new Hardsigmoid()}) {
            INDArray pre = check(conv("wide_" + act.kind(), 3, 4).then("a", act), 3, 60, "c");
            assertTrue(pre.minNumber().doubleValue() < -4 && pre.maxNumber().doubleValue() > 7, act.kind()
                    + ": pre-activations " + pre.minNumber() + " .. " + pre.maxNumber() + " miss a flat part");
        }
    }

    /**
     * Inverted residuals: with expansion and the identity add (ReLU6), without expansion but with stride 2, a 5x5
     * depthwise convolution and squeeze-and-excitation (SiLU), and an expanding one that changes channels (Hardswish).
     */
    @Test
    void invertedResidualBlocks() throws Exception {
        check(conv("mbconv", 4, 6).then("ir1", new InvertedResidual(6, 4, 1, 3, 0, "relu6"))
                .then("ir2", new InvertedResidual(1, 6, 2, 5, 2, "silu"))
                .then("ir3", new InvertedResidual(2, 4, 1, 3, 0, "hardswish")), 3);
    }

    /**
     * A channel shuffle and two channel slices between convolutions (the gradient flows back through the permutation
     * and the selections into the first convolution's weights), then the same on a feature vector.
     */
    @Test
    void channelShuffleAndSlices() throws Exception {
        check(new NetBuilder("channels").input(2, 4, 4).then("c", Conv2d.of(6, 3, 1, 1, true))
                .then("shuffle", new ChannelShuffle(3)).then("c2", Conv2d.of(6, 1, 1, 0, true))
                .add("lo", new ChannelSlice(0, 2), "c2").add("hi", new ChannelSlice(3, 3), "c2")
                .add("join", new Concat(), "hi", "lo").then("shuffle2", new ChannelShuffle(5)), 3);
        check(conv("channels1d", 3, 3).then("f", new Flatten()).then("d", new Dense(8, true))
                .then("shuffle", new ChannelShuffle(4)).then("slice", new ChannelSlice(1, 5)), 3);
    }

    /** A down-sampling ShuffleNet v2 unit, then a basic one (split, branch, concat, shuffle). */
    @Test
    void shuffleNetUnits() throws Exception {
        check(conv("shufflenet", 4, 6).then("u1", new ShuffleNetV2Unit(8, 2)).then("u2", new ShuffleNetV2Unit(8, 1)),
                3);
    }

    /**
     * EfficientNet's MBConv (SE to input / 4 with SiLU, sigmoid) and MobileNetV3's block with explicit expanded
     * channels (4 -> 10, no integer ratio) and its SE (make_divisible(10 / 4, 8) = 8, ReLU, hard sigmoid).
     */
    @Test
    void mbConvAndMobileNetV3Blocks() throws Exception {
        check(conv("mbstyles", 4, 4).then("ir1", InvertedResidual.mbConv(2, 3, 1, 4))
                .then("ir2", InvertedResidual.mobileNetV3(3, 10, 4, true, "hardswish", 1)), 3);
    }

    @Test
    void fireModules() throws Exception {
        check(conv("fire", 4, 5).then("f1", new FireModule(2, 3, 4)).then("f2", new FireModule(3, 2, 2)), 3);
    }

    @Test
    void batchNormOnMapsAndFeatures() throws Exception {
        check(conv("bn", 3, 4).then("bn", BatchNorm.standard()).then("f", new Flatten()).then("d", new Dense(4, false))
                .then("bn1d", new BatchNorm(1e-3, 0.1)), 3);
    }

    /**
     * Float tensors take oneDNN's batch-norm and ReLU kernels, double ones libnd4j's generic ones, which the finite
     * differences above verify: the float gradients must agree with the double ones.
     */
    @Test
    void floatBatchNormAndReluGradientsAgreeWithTheCheckedDoublePath() throws Exception {
        Network net = new NetBuilder("bn-float").input(3, 8, 8).then("c", Conv2d.of(8, 3, 1, 1, false))
                .then("bn", BatchNorm.standard()).then("r", new ReLU()).then("g", new GlobalAvgPool())
                .then("fc", new Dense(4, true)).then("out", new Output()).build();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 3, 8, 8).muli(2).addi(0.5);
        INDArray y = roundRobinLabels(16, 4);
        Map<String, INDArray> grads = new java.util.HashMap<>();
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, t, 7);
            var g = c.sd().calculateGradients(Map.of(CompiledNet.INPUT, x.castTo(t), CompiledNet.LABEL,
                    y.castTo(t)), "c/W", "bn/gamma", "bn/beta");
            g.forEach((k, v) -> grads.merge(k, v.castTo(DataType.DOUBLE), INDArray::sub));
            if (t == DataType.DOUBLE) {
                g.forEach((k, v) -> grads.put(k + "#norm", v.norm2()));
            }
        }
        for (String k : new String[] {"c/W", "bn/gamma", "bn/beta"}) {
            double diff = grads.get(k).norm2Number().doubleValue();
            double norm = grads.get(k + "#norm").getDouble(0);
            assertTrue(norm > 1e-3, k + " gradient is not trivially zero: " + norm);
            assertTrue(diff < 1e-4 * norm + 1e-6, k + ": float and double gradients differ by " + diff + " (norm "
                    + norm + ")");
        }
    }

    /**
     * Within fit, ND4J applies each weight's update as soon as its gradient exists, turning the gradient array into
     * the step in place; a gradient that other gradient ops still read must not be that array. One plain-SGD step
     * through fit must move every weight by exactly -lr times the gradient computed beforehand.
     */
    @Test
    void oneFitStepMovesEveryWeightByMinusLearningRateTimesItsGradient() throws Exception {
        Network net = new NetBuilder("sgd-step").input(3, 8, 8).then("c", Conv2d.of(6, 3, 1, 1, false))
                .then("bn", BatchNorm.standard()).then("r", new ReLU()).then("c2", Conv2d.of(6, 3, 1, 1, false))
                .then("bn2", BatchNorm.standard()).then("r2", new ReLU()).then("g", new GlobalAvgPool())
                .then("fc", new Dense(8, false)).then("bn3", BatchNorm.standard()).then("r3", new ReLU())
                .then("fc2", new Dense(4, true)).then("out", new Output()).build();
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 3, 8, 8).muli(2).addi(0.5);
        INDArray y = roundRobinLabels(8, 4);
        double lr = 0.1;
        CompiledNet before = SameDiffCompiler.compile(net, Mode.TRAIN, DataType.DOUBLE, 7);
        CompiledNet stepped = SameDiffCompiler.compile(net, Mode.TRAIN, DataType.DOUBLE, 7);
        String[] weights = before.weights().keySet().toArray(new String[0]);
        Map<String, INDArray> grads = before.sd().calculateGradients(Map.of(CompiledNet.INPUT, x, CompiledNet.LABEL, y),
                weights);
        stepped.sd().setTrainingConfig(new org.nd4j.autodiff.samediff.TrainingConfig.Builder()
                .updater(new org.nd4j.linalg.learning.config.Sgd(lr)).dataSetFeatureMapping(CompiledNet.INPUT)
                .dataSetLabelMapping(CompiledNet.LABEL).build());
        stepped.sd().fit(new org.nd4j.linalg.dataset.DataSet(x, y));
        for (String w : weights) {
            INDArray expected = before.weights().get(w).sub(grads.get(w).mul(lr));
            double err = expected.sub(stepped.weights().get(w)).norm2Number().doubleValue();
            double move = grads.get(w).norm2Number().doubleValue() * lr;
            assertTrue(move > 1e-8, w + " did not move");
            assertTrue(err < 1e-9 + 1e-6 * move, w + ": one SGD step is off by " + err + " (step " + move + ")");
        }
    }

    @Test
    void localResponseNormEvenAndOddSizes() throws Exception {
        check(conv("lrn", 5, 3).then("n1", new LocalResponseNorm(3, 0.1, 0.75, 2)), 3);
        check(conv("lrn2", 5, 3).then("n2", new LocalResponseNorm(2, 0.1, 0.75, 1)), 3);
    }

    @Test
    void concatAddAndScale() throws Exception {
        NetBuilder b = new NetBuilder("joins").input(2, 4, 4)
                .then("a", Conv2d.of(3, 3, 1, 1, true))
                .add("b", Conv2d.of(3, 1, 1, 0, true), "input")
                .add("sum", new Add(), "a", "b")
                .add("cat", new Concat(), "sum", "a")
                .add("g", new GlobalAvgPool(), "cat")
                .then("gate", new Sigmoid())
                .add("scaled", new Scale(), "cat", "gate");
        check(b, 3);
    }

    @Test
    void dropoutZeroesAFractionWhileTrainingOnly() throws Exception {
        Network net = new NetBuilder("drop").input(1, 100, 100).then("f", new Flatten()).then("d", new Dropout(0.3))
                .then("out", new Output()).build();
        INDArray x = Nd4j.ones(DataType.FLOAT, 2, 1, 100, 100);
        INDArray train = SameDiffCompiler.compile(net, Mode.TRAIN, 1).sd()
                .output(Map.of(CompiledNet.INPUT, x), CompiledNet.LOGITS).get(CompiledNet.LOGITS);
        long zeros = train.eq(0).castTo(DataType.INT).sumNumber().longValue();
        // 20,000 Bernoulli(0.3) draws: mean 6,000, standard deviation sqrt(20000*0.3*0.7) = 65.
        assertTrue(Math.abs(zeros - 6000) < 400, "zeroed " + zeros + " of 20000");
        // Kept values are scaled by 1/(1-p) so the expectation is unchanged.
        assertEquals(1 / 0.7, train.maxNumber().doubleValue(), 1e-5);
        INDArray infer = SameDiffCompiler.compile(net, Mode.INFER, 1).sd()
                .output(Map.of(CompiledNet.INPUT, x), CompiledNet.LOGITS).get(CompiledNet.LOGITS);
        assertEquals(20000, infer.sumNumber().doubleValue(), 1e-3);
    }
}
