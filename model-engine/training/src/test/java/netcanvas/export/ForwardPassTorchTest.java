package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
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
        Path script = dir.resolve("mixed.py");
        Files.writeString(script, PyTorchExporter.export(a, ExportRecipe.defaults(), "mixed.py", "mixed.weights"));
        Files.write(TorchWeightsFile.beside(script), TorchWeightsFile.write(a, w));

        int n = 3;
        float[] x = new float[n * 3 * 12 * 12];
        Random rnd = new Random(19);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        ByteBuffer in = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        in.asFloatBuffer().put(x);
        Path input = Files.write(dir.resolve("x.bin"), in.array());
        Path check = Files.writeString(dir.resolve("check.py"), String.join("\n",
                "import importlib.util, json, sys, torch",
                "spec = importlib.util.spec_from_file_location('mixed', sys.argv[1])",
                "m = importlib.util.module_from_spec(spec)",
                "spec.loader.exec_module(m)",
                "model = m.load()",
                "x = torch.frombuffer(bytearray(open(sys.argv[2], 'rb').read()), dtype=torch.float32)",
                "x = x.reshape(-1, *m.INPUT_SHAPE)",
                "with torch.no_grad():",
                "    y = model(x)",
                "print(json.dumps({'training': any(k.training for k in model.modules()), 'logits': y.tolist()}))",
                ""));
        TorchCheck.ProcessResult r = TorchCheck.run(List.of(TorchCheck.PYTHON, check.toString(), script.toString(),
                input.toString()), 300);
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode out = new ObjectMapper().readTree(r.stdout());
        assertEquals(false, out.get("training").asBoolean(), "PyTorch ran in eval mode");

        float[][] ours = InferenceNet.of(net, w).logits(x, n);
        double diff = 0;
        double scale = 0;
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < 5; k++) {
                double theirs = out.get("logits").get(s).get(k).asDouble();
                scale = Math.max(scale, Math.abs(theirs));
                diff = Math.max(diff, Math.abs(ours[s][k] - theirs));
            }
        }
        System.out.printf("mixed network, random weights and statistics: PyTorch and NetCanvas logits (largest %.3g)"
                + " differ by at most %.2e%n", scale, diff);
        assertTrue(scale > 1e-3, "the logits should not be near zero: " + scale);
        assertTrue(diff <= 1e-4 * Math.max(1, scale), "max abs difference " + diff + " at scale " + scale);
        assertTrue(Math.abs(ours[0][0] - ours[1][0]) > 1e-3, "the logits should depend on the input");
    }
}
