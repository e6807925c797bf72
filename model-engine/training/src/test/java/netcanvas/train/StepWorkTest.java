package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.MachineSpeed;
import netcanvas.analysis.Optimizer;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Network;
import netcanvas.kinds.KindNetworks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The time estimate's count of native calls per training step (each kind's {@link netcanvas.graph.TrainingWork}
 * through {@link netcanvas.analysis.StepWork}, from the layer kinds alone) against the calls the training step
 * really planned for the same network: every prepared call, the kernels' copies, the batch's copies and the weight
 * update's calls. For the benchmark's four networks, and for every kind of the registry in the smallest network
 * around it, so a kind whose lowering changes, or a new kind, cannot leave its rule behind.
 */
class StepWorkTest {
    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "resnet20", "vgg-cifar", "resnet18-cifar"})
    void theEstimatesCallsAreTheCallsTheStepPlans(String name) throws Exception {
        Network net = switch (name) {
            case "vgg-cifar" -> BenchmarkNets.vggCifar();
            case "resnet18-cifar" -> TrainBenchmark.resnet18(16);
            default -> BenchmarkNets.named(name);
        };
        assertCallsAsPlanned(net, name);
    }

    /**
     * Grouped convolutions (1 < groups < channels), lowered as im2col and one batched product: their calls do not
     * grow with the groups (the per-group lowering before did), with or without a bias, strided or not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2", "4", "4-bias", "2-stride"})
    void groupedConvolutionsCountTheCallsTheStepPlans(String variant) throws Exception {
        int groups = Integer.parseInt(variant.substring(0, 1));
        boolean bias = variant.endsWith("bias");
        int stride = variant.endsWith("stride") ? 2 : 1;
        Network net = new netcanvas.graph.NetBuilder("grouped-" + variant).input(8, 6, 6)
                .then("c1", netcanvas.graph.Conv2d.of(8, 3, 1, 1, false))
                .then("g", netcanvas.graph.Conv2d.of(8, 3, stride, 1, bias).withGroups(groups))
                .then("r", new netcanvas.graph.ReLU()).then("f", new netcanvas.graph.Flatten())
                .then("fc", new netcanvas.graph.Dense(3, true)).then("out", new netcanvas.graph.Output()).build();
        assertCallsAsPlanned(net, variant);
    }

    /**
     * Pointwise convolutions, run as matrix products: after another layer and on the data (no input gradient), with
     * and without a bias; a strided 1x1 stays libnd4j's convolution.
     */
    @ParameterizedTest
    @ValueSource(strings = {"later", "later-bias", "first", "first-bias", "strided"})
    void pointwiseConvolutionsCountTheCallsTheStepPlans(String variant) throws Exception {
        boolean bias = variant.endsWith("bias");
        netcanvas.graph.NetBuilder b = new netcanvas.graph.NetBuilder("pointwise-" + variant).input(8, 6, 6);
        if (!variant.startsWith("first")) {
            b.then("c1", netcanvas.graph.Conv2d.of(8, 3, 1, 1, false));
        }
        Network net = b.then("p", netcanvas.graph.Conv2d.of(12, 1, variant.equals("strided") ? 2 : 1, 0, bias))
                .then("r", new netcanvas.graph.ReLU()).then("f", new netcanvas.graph.Flatten())
                .then("fc", new netcanvas.graph.Dense(3, true)).then("out", new netcanvas.graph.Output()).build();
        assertCallsAsPlanned(net, variant);
    }

    static List<String> kinds() {
        return LayerKinds.names();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindsRuleCountsTheCallsTheStepPlans(String kind) throws Exception {
        assertCallsAsPlanned(KindNetworks.around(LayerKinds.named(kind)), kind);
    }

    /**
     * Variants the kinds' defaults do not reach: padded pooling (an explicit pad), a ceil-mode window past the end,
     * a window of one channel for LRN (no pad), an adaptive pool to its input's size, a depthwise convolution, and a
     * flatten reading the data (no gradient for it).
     */
    @ParameterizedTest
    @ValueSource(strings = {"maxpool-padded", "maxpool-ceil", "avgpool-padded", "lrn-1", "adaptive-same",
            "depthwise", "flatten-data"})
    void variantsCountTheCallsTheStepPlans(String variant) throws Exception {
        netcanvas.graph.LayerSpec spec = switch (variant) {
            case "maxpool-padded" -> netcanvas.graph.MaxPool2d.of(3, 1, 1, false);
            case "maxpool-ceil" -> netcanvas.graph.MaxPool2d.of(5, 2, 0, true);
            case "avgpool-padded" -> netcanvas.graph.AvgPool2d.of(3, 1, 1);
            case "lrn-1" -> new netcanvas.graph.LocalResponseNorm(1, 1e-4, 0.75, 1);
            case "adaptive-same" -> new netcanvas.graph.AdaptiveAvgPool(netcanvas.graph.Hw.of(12));
            case "depthwise" -> netcanvas.graph.Conv2d.of(4, 3, 1, 1, false).withGroups(4);
            default -> null;
        };
        Network net = spec == null
                ? new netcanvas.graph.NetBuilder("flatten-data").input(3, 5, 5)
                        .then("f", new netcanvas.graph.Flatten()).then("fc", new netcanvas.graph.Dense(3, true))
                        .then("out", new netcanvas.graph.Output()).build()
                : KindNetworks.aroundOrSmall(spec, LayerKinds.of(spec), KindNetworks.CLASSES);
        assertCallsAsPlanned(net, variant);
    }

    private static void assertCallsAsPlanned(Network net, String name) throws Exception {
        long[] counts = counts(net);
        assertEquals(counts[0], counts[1], name);
    }

    /** The calls the step planned and the calls the estimate counts. */
    private static long[] counts(Network net) throws Exception {
        long estimated = Analyzer.analyze(net).timePerLayer(2, Optimizer.ADAM, new MachineSpeed(1, 1, 1)).calls();
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        long[] s = c.inputShape().dims();
        INDArray x = Nd4j.randn(2, s[0], s[1], s[2]);
        INDArray y = Nd4j.zeros(2, c.classes());
        y.putScalar(0, 0, 1);
        y.putScalar(1, 1 % c.classes(), 1);
        try (TrainingStep step = new TrainingStep(c, config, List.of(CompiledNet.LOGITS), 0, 0)) {
            step.run(x, y);
            return new long[] {step.callsPerStep(), estimated};
        }
    }
}
