package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerMemory;
import netcanvas.analysis.MemoryEstimate;
import netcanvas.analysis.Optimizer;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Network;
import netcanvas.kinds.KindNetworks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The memory estimate's arrays (each kind's {@link netcanvas.graph.TrainingMemory} through {@link MemoryEstimate})
 * against the arrays the training step's planning pass really holds: every value of SameDiff's gradient graph for
 * one batch, computed at once as {@link TrainingStep} plans (the batch, the forward values, every gradient, the
 * weights' gradients), measured by value. For every kind of the registry in the smallest network around it, and for
 * the memory benchmark's three networks.
 */
class MemoryValuesTest {
    static final int BATCH = 4;

    static List<String> kinds() {
        return LayerKinds.names();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindsRuleCountsTheArraysThePlanningPassHolds(String kind) throws Exception {
        // within 3 % or 1 kB: dropout's comparison (a byte per value) is not counted, nor are arrays of a few values
        assertHeldAsPlanned(KindNetworks.around(LayerKinds.named(kind)), kind, 0.03);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "resnet20", "vgg-cifar"})
    void theBenchmarksNetworksHoldTheEstimatedArrays(String name) throws Exception {
        Network net = name.equals("vgg-cifar") ? BenchmarkNets.vggCifar() : BenchmarkNets.named(name);
        assertHeldAsPlanned(net, name, 0.01);
    }

    private static void assertHeldAsPlanned(Network net, String name, double tolerance) throws Exception {
        LayerMemory t = Analyzer.analyze(net).memoryPerLayer(BATCH, Optimizer.ADAM).total();
        long estimated = t.savedActivations() + t.activationGradients() + t.gradients();
        long measured = planningPassBytes(net);
        double difference = Math.abs(estimated - measured);
        assertTrue(difference <= Math.max(1024, tolerance * measured), name + ": estimated " + estimated
                + " B of arrays, the planning pass holds " + measured + " B");
    }

    /** The bytes of the distinct arrays (not views) of every value of the gradient graph for one batch. */
    private static long planningPassBytes(Network net) throws Exception {
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        c.sd().setTrainingConfig(config);
        Quietly.createGradients(c.sd());
        SameDiff g = c.sd().getFunction("grad");
        long[] s = c.inputShape().dims();
        INDArray x = Nd4j.randn(BATCH, s[0], s[1], s[2]);
        INDArray y = Nd4j.zeros(BATCH, c.classes());
        for (int k = 0; k < BATCH; k++) {
            y.putScalar(k, k % c.classes(), 1);
        }
        List<String> produced = new ArrayList<>();
        for (SameDiffOp op : g.getOps().values()) {
            produced.addAll(op.getOutputsOfOp());
        }
        Map<String, INDArray> values = g.output(Map.of(CompiledNet.INPUT, x, CompiledNet.LABEL, y), produced);
        Set<INDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long bytes = x.length() * 4; // the step's copy of the batch (the labels are a few values)
        for (INDArray a : values.values()) {
            if (a != null && !a.isView() && seen.add(a)) {
                bytes += a.length() * a.dataType().width();
            }
        }
        return bytes;
    }
}
