package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import netcanvas.graph.Dense;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.presets.Presets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The shipped presets of the newer families train: each, at full width but on a small input with 10 classes, takes
 * training steps on one fixed synthetic batch and fits it (the loss on that batch falls by more than half), with
 * every weight finite and moved. ShuffleNet v2 runs at 3x32x32 (its five halvings reach 1x1), Inception v3 at 3x75x75
 * (the smallest size torchvision accepts: its stem and two reductions leave 1x1).
 */
class PresetTrainingTest {

    /** The preset with another input size and a 10-way classifier in place of the 1000-way one. */
    private static Network small(String preset, int size) throws Exception {
        return Presets.load(preset).map(n -> {
            if (n.spec() instanceof Input i) {
                return n.withSpec(new Input(i.channels(), size, size));
            }
            if (n.id().equals("fc")) {
                return n.withSpec(new Dense(10, true));
            }
            return n;
        });
    }

    @ParameterizedTest(name = "{0} at {1}x{1}")
    @CsvSource({"shufflenet_v2_x1_0, 32, 8", "inception_v3, 75, 6"})
    void presetFitsASmallBatch(String preset, int size, int steps) throws Exception {
        Network net = small(preset, size);
        CompiledNet c = SameDiffCompiler.compile(net, Mode.TRAIN, 11);
        assertEquals(10, c.classes());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, 3 * i, 1);
        }
        Map<String, INDArray> start = SameDiffCompiler.compile(net, Mode.TRAIN, 11).weights();
        double before = loss(c, x, y);
        TrainingConfig cfg = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        try (TrainingStep step = new TrainingStep(c, cfg, List.of(), 0, 0)) {
            for (int i = 0; i < steps; i++) {
                step.run(x, y);
            }
        }
        double after = loss(c, x, y);
        System.out.printf("%s at %dx%d: loss on the batch %.4f -> %.4f after %d Adam steps%n", preset, size, size,
                before, after, steps);
        assertTrue(after < 0.5 * before, preset + ": loss " + before + " -> " + after);
        for (var e : c.weights().entrySet()) {
            INDArray w = e.getValue();
            assertTrue(Double.isFinite(w.sumNumber().doubleValue()), e.getKey() + " is not finite");
            assertTrue(w.sub(start.get(e.getKey())).norm2Number().doubleValue() > 0, e.getKey() + " did not move");
        }
    }

    /** The loss on the batch with the current weights; dropout draws a mask, batch norm uses batch statistics. */
    private static double loss(CompiledNet c, INDArray x, INDArray y) {
        return c.sd().output(Map.of(CompiledNet.INPUT, x, CompiledNet.LABEL, y), CompiledNet.LOSS)
                .get(CompiledNet.LOSS).getDouble(0);
    }
}
