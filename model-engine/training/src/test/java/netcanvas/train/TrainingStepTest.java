package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import netcanvas.graph.*;
import netcanvas.kinds.KindNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The training step that runs SameDiff's gradient graph itself must train exactly as SameDiff's own {@code fit}:
 * the reference here is fit, from the same initial weights on the same batches, including a smaller last batch.
 */
class TrainingStepTest {

    /**
     * Residual block with batch norm and a projection shortcut, pooling, dense, batch norm on features: the kinds a
     * ResNet step runs, and both ranks of the step's own batch-norm kernels.
     */
    private static Network residual() {
        return new NetBuilder("step-residual").input(3, 8, 8).then("conv1", Conv2d.of(4, 3, 1, 1, false))
                .then("bn1", BatchNorm.standard()).then("relu", new ReLU())
                .then("layer1", new Stage(1, new BasicBlock(8, 2, false, 0)))
                .then("pool", new GlobalAvgPool()).then("fc0", new Dense(6, false)).then("bn2", BatchNorm.standard())
                .then("relu2", new ReLU()).then("fc", new Dense(5, true)).then("out", new Output()).build();
    }

    /**
     * Every trainable primitive kind but dropout (whose masks differ between the two runs by design). No bias right
     * before a batch norm: its true gradient is zero, so its Adam steps follow rounding noise, which differs between
     * two correct implementations of the batch statistics.
     */
    private static Network everyKind() {
        return new NetBuilder("step-kinds").input(4, 9, 9)
                .then("c1", new Conv2d(8, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 2, false))
                .then("bn1", BatchNorm.standard()).then("r1", new ReLU())
                .then("c2", new Conv2d(8, new Hw(2, 3), Hw.of(1), Padding.SAME, Hw.of(2), 1, false))
                .then("lrn", new LocalResponseNorm(3, 0.1, 0.75, 2)).then("hsw", new Hardswish())
                .then("mp", MaxPool2d.of(3, 2, 1, true))
                .add("b", Conv2d.of(8, 1, 1, 0, true), "mp")
                .add("sum", new Add(), "mp", "b")
                .add("cat", new Concat(), "sum", "mp")
                .add("g", new GlobalAvgPool(), "cat").then("gate", new Sigmoid())
                .add("scaled", new Scale(), "cat", "gate").then("silu", new SiLU())
                .then("ap", new AvgPool2d(Hw.of(3), Hw.of(2), Hw.of(1), true, false))
                .then("ad", new AdaptiveAvgPool(new Hw(2, 2))).then("t", new Tanh()).then("l", new LeakyReLU(0.1))
                .then("r6", new ReLU6()).then("f", new Flatten()).then("d", new Dense(6, false))
                .then("bn2", BatchNorm.standard()).then("r2", new ReLU()).then("hsig", new Hardsigmoid())
                .then("fc", new Dense(5, true)).then("out", new Output()).build();
    }

    /**
     * Inverted residuals: a strided one with a 5x5 depthwise convolution and SE (SiLU), then two with the identity add
     * (Hardswish) feeding the pool. Every weight must have a real gradient, else its Adam steps follow rounding noise
     * that differs between fit and the step: so no ReLU6 (positively homogeneous between two batch norms, the first
     * one's scale would not matter) and the adds last (a block's closing BN shift feeding only the next block's
     * expansion would be normalised away). The gradient check covers the ReLU6 block.
     */
    private static Network mobile() {
        return new NetBuilder("step-mobile").input(3, 8, 8).then("conv1", Conv2d.of(8, 3, 1, 1, false))
                .then("bn1", BatchNorm.standard()).then("relu1", new ReLU6())
                .then("block1", new InvertedResidual(3, 12, 2, 5, 4, "silu"))
                .then("block2", new Stage(2, new InvertedResidual(2, 12, 1, 3, 0, "hardswish")))
                .then("pool", new GlobalAvgPool()).then("flat", new Flatten()).then("fc", new Dense(5, true))
                .then("out", new Output()).build();
    }

    /**
     * EfficientNet's MBConv (SE to input / 4 with SiLU) and MobileNetV3's block (explicit 20 expanded channels from
     * 8, SE to make_divisible(20 / 4, 8) = 8 with a hard sigmoid), Hardswish in the latter so that every weight has a
     * real gradient (see {@link #mobile()}).
     */
    private static Network mobileStyles() {
        return new NetBuilder("step-mobile-styles").input(3, 8, 8).then("conv1", Conv2d.of(8, 3, 1, 1, false))
                .then("bn1", BatchNorm.standard()).then("silu1", new SiLU())
                .then("block1", InvertedResidual.mbConv(3, 5, 2, 12))
                .then("block2", InvertedResidual.mobileNetV3(3, 20, 12, true, "hardswish", 1))
                .then("pool", new GlobalAvgPool()).then("flat", new Flatten()).then("fc", new Dense(5, true))
                .then("out", new Output()).build();
    }

    /** Random batches of the given sizes of channels x size x size images, labels cycling through 5 classes. */
    private static List<DataSet> batches(int channels, int size, int... sizes) {
        Nd4j.getRandom().setSeed(3);
        List<DataSet> out = new java.util.ArrayList<>();
        int k = 0;
        for (int n : sizes) {
            INDArray x = Nd4j.randn(DataType.FLOAT, n, channels, size, size).muli(1.5).addi(0.2);
            INDArray y = Nd4j.zeros(DataType.FLOAT, n, 5);
            for (int i = 0; i < n; i++) {
                y.putScalar(i, (k++ * 3) % 5, 1);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    private static void assertSameTraining(Supplier<TrainingConfig> config) throws Exception {
        assertSameTraining(residual(), batches(3, 8, 6, 6, 6, 4), config);
    }

    private static void assertSameTraining(Network net, List<DataSet> data, Supplier<TrainingConfig> config)
            throws Exception {
        CompiledNet byFit = SameDiffCompiler.compile(net, Mode.TRAIN, 5);
        CompiledNet byStep = SameDiffCompiler.compile(net, Mode.TRAIN, 5);
        byFit.sd().setTrainingConfig(config.get());
        Quietly.createGradients(byFit.sd());
        try (TrainingStep step = new TrainingStep(byStep, config.get(), List.of(CompiledNet.LOGITS), 0, 0)) {
            for (DataSet d : data) {
                byFit.sd().fit(d);
                step.run(d.getFeatures(), d.getLabels());
                assertEquals(d.getFeatures().size(0), step.activation(CompiledNet.LOGITS).size(0));
            }
            assertEquals(data.size(), step.iteration());
        }
        Map<String, INDArray> start = SameDiffCompiler.compile(net, Mode.TRAIN, 5).weights();
        for (var e : byFit.weights().entrySet()) {
            INDArray mine = byStep.weights().get(e.getKey());
            double moved = e.getValue().sub(start.get(e.getKey())).norm2Number().doubleValue();
            double off = e.getValue().sub(mine).norm2Number().doubleValue();
            assertTrue(moved > 1e-4, e.getKey() + " did not train: moved " + moved);
            // 1e-3 of the movement: the step computes batch statistics in another summation order than fit's
            // moments (float rounding, ~1e-6), and Adam's normalised steps carry such differences forward; a wrong
            // gradient or update is off by a large part of the movement (a dropped L2 term: 10 %).
            assertTrue(off < 1e-3 * moved + 1e-7, e.getKey() + ": fit and the step differ by " + off
                    + " after moving " + moved);
        }
    }

    /**
     * The self-check (train --check-step) finds the step's gradients equal to SameDiff's own execution on networks
     * with every trainable kind, and catches a deliberately broken kernel: batch norm's gradient kernel with gamma's
     * gradient 2 % too large.
     */
    @Test
    void selfCheckAgreesWithSameDiffAndCatchesABrokenKernel() throws Exception {
        TrainingConfig cfg = new TrainingConfig.Builder().updater(new Adam(1e-2))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        DataSet residualBatch = doubles(batches(3, 8, 6).get(0));
        DataSet kindsBatch = doubles(batches(4, 9, 6).get(0));
        try (TrainingStep step = new TrainingStep(SameDiffCompiler.compile(residual(), Mode.TRAIN, DataType.DOUBLE, 5), cfg,
                List.of(), 0, 0)) {
            assertEquals(null, step.check(residualBatch.getFeatures(), residualBatch.getLabels(),
                    Trainer.SELF_CHECK_TOLERANCE));
        }
        try (TrainingStep step = new TrainingStep(SameDiffCompiler.compile(everyKind(), Mode.TRAIN, DataType.DOUBLE, 5), cfg,
                List.of(), 0, 0)) {
            assertEquals(null, step.check(kindsBatch.getFeatures(), kindsBatch.getLabels(),
                    Trainer.SELF_CHECK_TOLERANCE));
        }
        Kernels broken = (op, in, out, unread, work) -> {
            Runnable r = Kernels.STANDARD.kernel(op, in, out, unread, work);
            if (r == null || !(op.getOp() instanceof netcanvas.train.ops.BatchNormBackward)) {
                return r;
            }
            INDArray gammaGradient = out.get(3);
            return () -> {
                r.run();
                gammaGradient.muli(1.02);
            };
        };
        try (TrainingStep step = new TrainingStep(SameDiffCompiler.compile(residual(), Mode.TRAIN, DataType.DOUBLE, 5), cfg,
                List.of(), 0, 0, broken)) {
            String problem = step.check(residualBatch.getFeatures(), residualBatch.getLabels(),
                    Trainer.SELF_CHECK_TOLERANCE);
            assertTrue(problem != null && problem.contains("/gamma"), String.valueOf(problem));
        }
    }

    /**
     * ReLU6's gradient kernel and the repeated weights' gradient kernel (the grouped convolution's) run in place of
     * libnd4j's {@code relu6_bp}, {@code tile} and {@code tile_bp} on the every-kind network (a 2-group convolution, a ReLU6), and
     * the step's gradients still equal SameDiff's own execution.
     */
    @Test
    void reluSixAndRepeatKernelsReplaceTheirOperationsAndAgreeWithSameDiff() throws Exception {
        TrainingConfig cfg = new TrainingConfig.Builder().updater(new Adam(1e-2))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        DataSet batch = doubles(batches(4, 9, 6).get(0));
        java.util.Set<String> used = new java.util.TreeSet<>();
        Kernels recording = (op, in, out, unread, work) -> {
            Runnable r = Kernels.STANDARD.kernel(op, in, out, unread, work);
            if (r != null) {
                used.add(op.getOp().opName());
            }
            return r;
        };
        try (TrainingStep step = new TrainingStep(SameDiffCompiler.compile(everyKind(), Mode.TRAIN, DataType.DOUBLE, 5),
                cfg, List.of(), 0, 0, recording)) {
            assertEquals(null, step.check(batch.getFeatures(), batch.getLabels(), Trainer.SELF_CHECK_TOLERANCE));
        }
        assertTrue(used.containsAll(List.of("relu6_bp", "tile", "tile_bp")), used.toString());
    }

    /**
     * The every-kind network's 1x1 convolution with a bias runs forward and backward as matrix products
     * ({@link PointwiseConvolution}) instead of libnd4j's {@code conv2d} and {@code conv2d_bp}, and the step's
     * gradients, the bias's among them, still equal SameDiff's own execution in double precision.
     */
    @Test
    void pointwiseConvolutionRunsAsProductsAndAgreesWithSameDiff() throws Exception {
        TrainingConfig cfg = new TrainingConfig.Builder().updater(new Adam(1e-2))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        DataSet batch = doubles(batches(4, 9, 6).get(0));
        java.util.Map<String, Integer> replaced = new java.util.TreeMap<>();
        Kernels recording = (op, in, out, unread, work) -> {
            Runnable r = Kernels.STANDARD.kernel(op, in, out, unread, work);
            String name = op.getOp().opName();
            if (r != null && name.startsWith("conv2d")) {
                boolean bias = in.size() == (name.equals("conv2d") ? 3 : 4);
                replaced.merge(name + (bias ? " with bias " : " ") + java.util.Arrays.toString(in.get(1).shape()), 1,
                        Integer::sum);
            }
            return r;
        };
        try (TrainingStep step = new TrainingStep(SameDiffCompiler.compile(everyKind(), Mode.TRAIN, DataType.DOUBLE, 5),
                cfg, List.of(), 0, 0, recording)) {
            assertEquals(null, step.check(batch.getFeatures(), batch.getLabels(), Trainer.SELF_CHECK_TOLERANCE));
        }
        assertEquals(Map.of("conv2d with bias [1, 1, 8, 8]", 1, "conv2d_bp with bias [1, 1, 8, 8]", 1), replaced);
    }

    /** ReLU6's gradient by hand: g where 0 < x < 6, zero at both ends (as PyTorch's hardtanh backward). */
    @Test
    void reluSixGradientKernelPassesTheGradientStrictlyBetweenZeroAndSix() {
        INDArray x = Nd4j.createFromArray(-1f, 0f, 0.5f, 5.99f, 6f, 7f, 3f, -0.01f).reshape(2, 4);
        INDArray g = Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f).reshape(2, 4);
        INDArray dx = Nd4j.zeros(DataType.FLOAT, 2, 4);
        netcanvas.train.ops.Workspace work = new netcanvas.train.ops.Workspace() {
            public INDArray scratch(long[] shape) {
                return Nd4j.create(DataType.FLOAT, shape);
            }

            public INDArray zeros(long[] shape) {
                return Nd4j.zeros(DataType.FLOAT, shape);
            }

            public INDArray row(long m, double value) {
                return Nd4j.valueArrayOf(new long[] {1, m}, value, DataType.FLOAT);
            }

            public Runnable prepared(org.nd4j.linalg.api.ops.DynamicCustomOp op) {
                return () -> Nd4j.exec(op);
            }
        };
        Relu6Gradient.kernel(new double[] {0}, List.of(x, g), List.of(dx), work).run();
        assertEquals(Nd4j.createFromArray(0f, 0f, 3f, 4f, 0f, 0f, 7f, 0f).reshape(2, 4), dx);
    }

    private static DataSet doubles(DataSet d) {
        return new DataSet(d.getFeatures().castTo(DataType.DOUBLE), d.getLabels().castTo(DataType.DOUBLE));
    }

    /**
     * Kinds whose defaults leave a weight with no true gradient, where the self-check would compare rounding noise:
     * an inverted residual's ReLU6 between two batch norms (positively homogeneous below 6, which normalised
     * activations do not reach) makes the first norm's scale irrelevant; its Hardswish does not.
     */
    private static final Map<String, Map<String, Object>> NOT_DEFAULT =
            Map.of("inverted_residual", Map.of("activation", "hardswish"));

    /** Every kind of the registry but those whose training forward is random (dropout: tested below). */
    static List<String> deterministicKinds() {
        return LayerKinds.ALL.stream().filter(k -> k.type() != Dropout.class).map(LayerKind::name).toList();
    }

    /**
     * Every kind of the registry at its defaults ({@link KindNetworks}): the step's plan and kernels compute the
     * gradients SameDiff's own execution does (the self-check, in double precision), so a new kind is checked by
     * existing.
     */
    @ParameterizedTest
    @MethodSource("deterministicKinds")
    void everyKindOfTheRegistryStepsAsSameDiffComputes(String kind) throws Exception {
        LayerKind k = LayerKinds.named(kind);
        Network net = KindNetworks.aroundOrSmall(k.createDefault(NOT_DEFAULT.getOrDefault(kind, Map.of())), k, 5);
        Input in = (Input) net.nodes().get(0).spec();
        TrainingConfig cfg = new TrainingConfig.Builder().updater(new Adam(1e-2))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        DataSet batch = doubles(batches(in.channels(), in.height(), 6).get(0));
        try (TrainingStep step = new TrainingStep(SameDiffCompiler.compile(net, Mode.TRAIN, DataType.DOUBLE, 5), cfg,
                List.of(), 0, 0)) {
            assertEquals(null, step.check(batch.getFeatures(), batch.getLabels(), Trainer.SELF_CHECK_TOLERANCE), kind);
        }
    }

    @Test
    void adamWithL2TrainsAsFitDoes() throws Exception {
        assertSameTraining(() -> new TrainingConfig.Builder().updater(new Adam(1e-2)).l2(1e-3)
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build());
    }

    @Test
    void nesterovAndDecoupledWeightDecayTrainAsFitDoes() throws Exception {
        assertSameTraining(() -> new TrainingConfig.Builder()
                .updater(new TorchSgd(new LearningRate(0.05, Schedule.CONSTANT, 10), 0.9, true))
                .weightDecay(1e-2, true)
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build());
    }

    @Test
    void everyKindTrainsAsFitDoes() throws Exception {
        assertSameTraining(everyKind(), batches(4, 9, 5, 5, 5, 3), () -> new TrainingConfig.Builder()
                .updater(new Adam(1e-2)).dataSetFeatureMapping(CompiledNet.INPUT)
                .dataSetLabelMapping(CompiledNet.LABEL).build());
    }

    @Test
    void invertedResidualsTrainAsFitDoes() throws Exception {
        assertSameTraining(mobile(), batches(3, 8, 5, 5, 3), () -> new TrainingConfig.Builder()
                .updater(new Adam(1e-2))
                .dataSetFeatureMapping(CompiledNet.INPUT)
                .dataSetLabelMapping(CompiledNet.LABEL).build());
    }

    @Test
    void mbConvAndMobileNetV3BlocksTrainAsFitDoes() throws Exception {
        assertSameTraining(mobileStyles(), batches(3, 8, 5, 5, 3), () -> new TrainingConfig.Builder()
                .updater(new Adam(1e-2))
                .dataSetFeatureMapping(CompiledNet.INPUT)
                .dataSetLabelMapping(CompiledNet.LABEL).build());
    }

    /** Dropout draws a new mask every step: about half the activations zero, and not the same half twice. */
    @Test
    void dropoutMaskChangesFromStepToStep() throws Exception {
        Network net = new NetBuilder("step-dropout").input(3, 8, 8).then("flat", new Flatten())
                .then("fc1", new Dense(64, true)).then("r", new ReLU()).then("drop", new Dropout(0.5))
                .then("fc2", new Dense(5, true)).then("out", new Output()).build();
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 5);
        TrainingConfig cfg = new TrainingConfig.Builder().updater(new org.nd4j.linalg.learning.config.Sgd(0))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        DataSet d = batches(3, 8, 16).get(0);
        try (TrainingStep step = new TrainingStep(c, cfg, List.of("r", "drop"), 0, 0)) {
            step.run(d.getFeatures(), d.getLabels());
            INDArray kept1 = step.activation("drop").neq(0).castTo(DataType.FLOAT);
            INDArray positive = step.activation("r").gt(0).castTo(DataType.FLOAT);
            step.run(d.getFeatures(), d.getLabels());
            INDArray kept2 = step.activation("drop").neq(0).castTo(DataType.FLOAT);
            double alive = positive.sumNumber().doubleValue();
            double keptShare = kept1.sumNumber().doubleValue() / alive;
            assertTrue(alive > 100, "too few positive activations to judge: " + alive);
            assertTrue(keptShare > 0.35 && keptShare < 0.65, "kept " + keptShare + " of the activations, not ~0.5");
            double same = kept1.mul(kept2).sumNumber().doubleValue() / kept1.sumNumber().doubleValue();
            assertTrue(same < 0.8, "the second step kept " + same + " of the first step's units: the mask repeats");
        }
    }
}
