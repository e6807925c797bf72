package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;
import netcanvas.train.InferenceNet;
import netcanvas.train.TorchLayout;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights file written beside an exported script: its bytes, its state-dict names (blocks and stages at their
 * module paths), and PyTorch's load() giving NetCanvas's logits.
 */
class TorchWeightsFileTest {
    @TempDir
    Path dir;

    /** A 1x2x2 input, a 1x1 convolution (2 outputs, bias) and a dense layer: every byte is known. */
    @Test
    void bytesFollowTheDocumentedFormat() throws Exception {
        Network net = new NetBuilder("tiny").input(1, 2, 2).then("c", Conv2d.of(2, 1, 1, 0, true))
                .then("fc", new Dense(1, false)).then("out", new Output()).build();
        Analysis a = Analyzer.analyze(net);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("c.weight", Tensor.of(new long[] {2, 1, 1, 1}, new float[] {1.5f, -2f}));
        w.put("c.bias", Tensor.of(new long[] {2}, new float[] {0.25f, 3f}));
        // an ONNX-style flat [1, 8] the writer must write as nn.Linear's [1, 8], and an extra tensor it leaves out
        w.put("fc.weight", Tensor.of(new long[] {8}, new float[] {1, 2, 3, 4, 5, 6, 7, 8}));
        w.put("unused", Tensor.of(new long[] {1}, new float[] {9}));
        byte[] file = TorchWeightsFile.write(a, new WeightSet(w));

        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(magic);
        assertEquals("NCWEIGHT", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt()); // version
        assertEquals(3, b.getInt()); // c.weight, c.bias, fc.weight
        assertEquals(8, b.getInt()); // "c.weight"
        byte[] name = new byte[8];
        b.get(name);
        assertEquals("c.weight", new String(name, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(4, b.getInt());
        assertEquals(List.of(2L, 1L, 1L, 1L), List.of(b.getLong(), b.getLong(), b.getLong(), b.getLong()));
        assertEquals(1.5f, b.getFloat());
        assertEquals(-2f, b.getFloat());
        // header 16 + c.weight (4 + 8 + 4 + 32 + 8) + c.bias (4 + 6 + 4 + 8 + 8) + fc.weight (4 + 9 + 4 + 16 + 32)
        assertEquals(16 + 56 + 30 + 65, file.length);

        Map<String, Tensor> back = TorchWeightsFile.read(file);
        assertEquals(List.of("c.weight", "c.bias", "fc.weight"), List.copyOf(back.keySet()));
        assertArrayEquals(new long[] {1, 8}, back.get("fc.weight").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, back.get("fc.weight").floats());
        assertArrayEquals(new float[] {0.25f, 3f}, back.get("c.bias").floats());

        assertThrows(IllegalArgumentException.class, () -> TorchWeightsFile.read(Arrays.copyOf(file, 100)));
        byte[] bad = file.clone();
        bad[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> TorchWeightsFile.read(bad));
        w.remove("c.bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchWeightsFile.write(a, new WeightSet(w)));
        assertTrue(e.getMessage().contains("'c.bias'"), e.getMessage());
    }

    /** Batch norm, a plain block, a stage of blocks (one with squeeze-and-excitation) and a stage of dense layers. */
    static Network blocksAndStages() {
        return new NetBuilder("blocky").input(3, 8, 8)
                .then("conv1", Conv2d.of(8, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU()).then("block", new BasicBlock(8, 1, false, 4))
                .then("layer2", new Stage(2, new BasicBlock(16, 2, false, 0)))
                .then("head", new Stage(2, new Dense(12, true))).then("bnf", BatchNorm.standard())
                .then("fc", new Dense(5, true)).then("out", new Output()).build();
    }

    /** Random values everywhere, positive variances: nothing PyTorch's fresh modules would hold by chance. */
    static WeightSet randomWeights(Analysis a, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> w = new LinkedHashMap<>();
        WeightShapes.of(a).forEach((name, shape) -> {
            float[] v = new float[(int) Tensor.elements(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith(".running_var") ? 0.5f + rnd.nextFloat() : (float) (0.4 * rnd.nextGaussian());
            }
            w.put(name, Tensor.of(shape, v));
        });
        return new WeightSet(w);
    }

    @Test
    void stateDictNamesFollowTheModules() throws Exception {
        Map<String, String> names = TorchWeightsFile.stateDictNames(Analyzer.analyze(blocksAndStages()));
        assertEquals("conv1.weight", names.get("conv1.weight"));
        assertEquals("layer2.0.conv1.weight", names.get("layer2.0.conv1.weight"));
        // the first dense layer of the stage is fed 16x2x2 values: nn.Sequential(nn.Flatten(), nn.Linear)
        assertEquals("head.0.1.weight", names.get("head.0.weight"));
        assertEquals("head.1.bias", names.get("head.1.bias"));
    }

    @Test
    void pytorchLoadGivesNetCanvasLogits() throws Exception {
        TorchCheck.requireTorch();
        Network net = blocksAndStages();
        Analysis a = Analyzer.analyze(net);
        WeightSet w = randomWeights(a, 3);
        Path script = TorchLogits.export(dir, "blocky", a, w);
        Path fresh = dir.resolve("fresh.py");
        Files.writeString(fresh, PyTorchExporter.export(a, ExportRecipe.defaults(), "fresh.py", null));

        int n = 2;
        float[] x = TorchLogits.gaussian(n * 3 * 8 * 8, 5);
        List<String> args = List.of(script.toString(), TorchLogits.inputFile(dir, x).toString(), fresh.toString());
        List<String> report = List.of(
                "f = module(sys.argv[3], 'fresh').load()",
                "print(json.dumps({'training': model.training or any(k.training for k in model.modules()),",
                "    'fresh_training': f.training, 'logits': y.tolist(),",
                "    'tracked': int(model.state_dict()['bn1.num_batches_tracked'])}))");
        JsonNode out = TorchLogits.run(dir, report, args);
        assertFalse(out.get("training").asBoolean(), "load() returns the network in eval mode");
        assertFalse(out.get("fresh_training").asBoolean());
        assertEquals(0, out.get("tracked").asInt());

        float[][] ours = InferenceNet.of(net, w).logits(x, n);
        double diff = TorchLogits.maxDifference(ours, out.get("logits"));
        System.out.printf("blocks and stages, random weights: PyTorch load() and NetCanvas logits differ by at most"
                + " %.2e%n", diff);
        assertTrue(diff <= 1e-4, "max abs difference " + diff);
        assertTrue(Math.abs(ours[0][0] - ours[1][0]) > 1e-3, "the logits should depend on the input");

        // a truncated file is refused with a message, not read as zeros
        byte[] wrong = TorchWeightsFile.write(a, w);
        Files.write(TorchWeightsFile.beside(script), Arrays.copyOf(wrong, wrong.length - 4));
        List<String> command = new java.util.ArrayList<>(args);
        command.add(0, dir.resolve("check.py").toString()); // the check TorchLogits.run wrote
        command.add(0, TorchCheck.PYTHON);
        TorchCheck.ProcessResult t = TorchCheck.run(command, 300);
        assertEquals(1, t.exitCode());
        assertTrue(t.stderr().contains("runs past the end of the file"), t.stderr());
    }

    @Test
    void trainingStartsFromTheSavedWeights() throws Exception {
        TorchCheck.requireTorch();
        Network net = new NetBuilder("small").input(1, 8, 8).then("conv", Conv2d.of(4, 3, 1, 1, false))
                .then("bn", BatchNorm.standard()).then("relu", new ReLU()).then("fc", new Dense(3, true))
                .then("out", new Output()).build();
        Analysis a = Analyzer.analyze(net);
        Path script = dir.resolve("small.py");
        Files.writeString(script, PyTorchExporter.export(a, ExportRecipe.defaults(), "small.py", "small.weights"));
        Files.write(TorchWeightsFile.beside(script), TorchWeightsFile.write(a, TorchLayout.initial(net, 1)));
        TorchCheck.ProcessResult r = TorchCheck.run(List.of(TorchCheck.PYTHON, script.toString(), "--train",
                "synthetic", "--epochs", "1", "--limit", "64", "--batch", "16"), 300);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("starting from the weights in " + TorchWeightsFile.beside(script)),
                r.stdout());
        TorchCheck.ProcessResult f = TorchCheck.run(List.of(TorchCheck.PYTHON, script.toString(), "--train",
                "synthetic", "--epochs", "1", "--limit", "64", "--batch", "16", "--fresh"), 300);
        assertEquals(0, f.exitCode(), f.stderr());
        assertTrue(f.stdout().contains("starting from new random weights (seed 0)"), f.stdout());
        TorchCheck.ProcessResult h = TorchCheck.run(List.of(TorchCheck.PYTHON, script.toString(), "--help"), 120);
        assertTrue(h.stdout().contains("small.weights"), h.stdout());
        // conv 4x1x3x3 = 36, batch norm 2 x 4, dense 4*8*8 x 3 + 3 = 771
        TorchCheck.ProcessResult m = TorchCheck.run(List.of(TorchCheck.PYTHON, script.toString()), 120);
        assertEquals("small: 815 parameters\nweights: " + TorchWeightsFile.beside(script) + "\noutput shape: (1, 3)\n",
                m.stdout(), m.stderr());
    }
}
