package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Network;
import netcanvas.train.InferenceNet;
import netcanvas.train.InferenceTestNets;
import netcanvas.weights.WeightSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch's logits, from NetCanvas's export of the network with its weights (load() in eval mode, under no_grad),
 * against NetCanvas's inference ({@link InferenceNet}, which runs the ForwardPass with batch norms folded into the
 * convolutions before them): batch norm with random running statistics after a plain, a depthwise and a grouped
 * convolution and a dense layer, an inverted residual with squeeze-and-excitation, a Fire module's concat, dropout.
 */
class ForwardPassTorchTest {
    @TempDir
    Path dir;

    @Test
    void pytorchGivesNetCanvasLogits() throws Exception {
        TorchCheck.requireTorch();
        Network net = InferenceTestNets.mixed();
        Analysis a = Analyzer.analyze(net);
        WeightSet w = TorchWeightsFileTest.randomWeights(a, 17);
        Path script = TorchLogits.export(dir, "mixed", a, w);
        int n = 3;
        float[] x = TorchLogits.gaussian(n * 3 * 12 * 12, 19);
        JsonNode out = TorchLogits.run(dir, List.of(
                "print(json.dumps({'training': any(k.training for k in model.modules()), 'logits': y.tolist()}))"),
                List.of(script.toString(), TorchLogits.inputFile(dir, x).toString()));
        assertEquals(false, out.get("training").asBoolean(), "PyTorch ran in eval mode");

        float[][] ours = InferenceNet.of(net, w).logits(x, n);
        double diff = TorchLogits.maxDifference(ours, out.get("logits"));
        double scale = TorchLogits.scale(out.get("logits"));
        System.out.printf("mixed network, random weights and statistics: PyTorch and NetCanvas logits (largest %.3g)"
                + " differ by at most %.2e%n", scale, diff);
        assertTrue(scale > 1e-3, "the logits should not be near zero: " + scale);
        assertTrue(diff <= 1e-4 * Math.max(1, scale), "max abs difference " + diff + " at scale " + scale);
        assertTrue(Math.abs(ours[0][0] - ours[1][0]) > 1e-3, "the logits should depend on the input");
    }
}
