package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import netcanvas.presets.Presets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * EfficientNet-B0 and MobileNetV3-Large train in NetCanvas at their full 3x224x224: the trainer's step runs on a
 * batch of two images, the first loss is that of a fresh 1000-way classifier (about ln 1000 = 6.9, its logits still
 * small), and four Adam steps on that batch lower its loss.
 */
class ModernPresetTrainingTest {

    @ParameterizedTest
    @ValueSource(strings = {"efficientnet_b0", "mobilenet_v3_large"})
    void presetTrainsAStep(String name) throws Exception {
        CompiledNet c = SameDiffCompiler.compile(Presets.load(name), Mode.TRAIN, 7);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 224, 224);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 1000);
        y.putScalar(0, 3, 1);
        y.putScalar(1, 517, 1);
        double first = Double.NaN;
        double last = Double.NaN;
        try (TrainingStep step = new TrainingStep(c, config, List.of(CompiledNet.LOGITS), 0, 0)) {
            for (int i = 0; i < 5; i++) {
                step.run(x, y);
                INDArray logits = step.activation(CompiledNet.LOGITS);
                assertArrayEquals(new long[] {2, 1000}, logits.shape(), name);
                last = crossEntropy(logits, y);
                first = i == 0 ? last : first;
            }
        }
        System.out.printf("%s: loss of one batch of two, before the first and the fifth step: %.3f, %.3f%n", name,
                first, last);
        assertTrue(Math.abs(first - Math.log(1000)) < 1.0, name + ": first loss " + first);
        assertTrue(last < first - 0.1, name + ": loss went from " + first + " to " + last);
    }

    /** Mean softmax cross-entropy, computed here in double from the logits the step produced. */
    private static double crossEntropy(INDArray logits, INDArray labels) {
        double sum = 0;
        for (int r = 0; r < logits.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < logits.columns(); k++) {
                max = Math.max(max, logits.getDouble(r, k));
            }
            double z = 0;
            double target = 0;
            for (int k = 0; k < logits.columns(); k++) {
                z += Math.exp(logits.getDouble(r, k) - max);
                target += labels.getDouble(r, k) * (logits.getDouble(r, k) - max);
            }
            sum += Math.log(z) - target;
        }
        return sum / logits.rows();
    }
}
