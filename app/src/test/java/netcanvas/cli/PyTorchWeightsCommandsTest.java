package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.data.DataSplit;
import netcanvas.data.NpyFile;
import netcanvas.data.SyntheticData;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.io.NetworkJson;
import netcanvas.onnx.OnnxExporter;
import netcanvas.train.Checkpoint;
import netcanvas.train.TrainConfig;
import netcanvas.train.Trainer;
import netcanvas.train.TrainingListener;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export --to pytorch --weights and run on .npy input, end to end: a network trained here gives the same logits in
 * PyTorch (the exported file's load(), under /usr/bin/python3) as in {@code run ... input.npy --format json}; an
 * imported ONNX model exports its own weights; bad .npy files are messages with exit status 2.
 */
class PyTorchWeightsCommandsTest {
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path design;
    private static Path run;

    /** The residual network of OnnxNumbersTest (batch norm, basic blocks, a strided projection), trained briefly. */
    @BeforeAll
    static void train() throws Exception {
        Network net = new NetBuilder("resblock").input(1, 16, 16)
                .then("conv1", Conv2d.of(8, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU()).then("block", new BasicBlock(8, 1, false, 0))
                .then("pool", MaxPool2d.of(2, 2, 0, false)).then("down", new BasicBlock(16, 2, false, 0))
                .then("gap", new GlobalAvgPool()).then("fc", new Dense(4, true)).then("out", new Output()).build();
        DataSplit data = new DataSplit(SyntheticData.generate("train", 4, 1, 16, 16, 200, 1),
                SyntheticData.generate("test", 4, 1, 16, 16, 40, 2));
        run = dir.resolve("run");
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatch(32).withOptimizer("adam", 1e-2)
                .withCheckpoints(run, null);
        TrainingListener.Result r = new Trainer(net, data, cfg).run();
        assertEquals(TrainingListener.Outcome.COMPLETED, r.outcome(), r.message());
        design = dir.resolve("resblock.json");
        NetworkJson.write(net, design);
    }

    static void requireTorch() {
        boolean ok;
        try {
            python(List.of("-c", "import torch, numpy"));
            ok = true;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok && System.getenv("CI") != null) {
            fail(PYTHON + " with torch is missing on CI: install python3-torch");
        }
        assumeTrue(ok, PYTHON + " with torch and numpy is needed (apt-get install python3-torch)");
    }

    /** Runs python3 with these arguments; its standard output, or an IOException with its standard error. */
    static String python(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON));
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "py", ".out");
        Path err = Files.createTempFile(dir, "py", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python ran over 300 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("python failed:\n" + Files.readString(err));
            }
            return Files.readString(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The logits PyTorch computes with the exported file's load() for the samples of a .npy file. */
    static JsonNode pytorchLogits(Path script, Path npy) throws IOException {
        Path check = dir.resolve("load_and_run.py");
        Files.writeString(check, String.join("\n",
                "import importlib.util, json, sys",
                "import numpy, torch",
                "spec = importlib.util.spec_from_file_location('exported', sys.argv[1])",
                "m = importlib.util.module_from_spec(spec)",
                "spec.loader.exec_module(m)",
                "model = m.load()",
                "x = torch.from_numpy(numpy.load(sys.argv[2]))",
                "with torch.no_grad():",
                "    y = model(x)",
                "print(json.dumps({'eval': not any(k.training for k in model.modules()), 'logits': y.tolist()}))",
                ""));
        JsonNode r = JSON.readTree(python(List.of(check.toString(), script.toString(), npy.toString())));
        assertTrue(r.get("eval").asBoolean(), "load() returns the network in eval mode");
        return r.get("logits");
    }

    static Path gaussianNpy(String name, int n, int c, int h, int w, long seed) throws IOException {
        float[] x = new float[n * c * h * w];
        Random rnd = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return Files.write(dir.resolve(name), NpyFile.bytes(x, n, c, h, w));
    }

    static double maxDiff(JsonNode torch, JsonNode ours) {
        assertEquals(torch.size(), ours.size());
        double m = 0;
        for (int s = 0; s < torch.size(); s++) {
            JsonNode a = torch.get(s);
            JsonNode b = ours.get(s).get("logits");
            assertEquals(a.size(), b.size());
            for (int k = 0; k < a.size(); k++) {
                m = Math.max(m, Math.abs(a.get(k).asDouble() - b.get(k).asDouble()));
            }
        }
        return m;
    }

    @Test
    void trainedNetworkGivesTheSameLogitsInPyTorchAndInRun() throws Exception {
        requireTorch();
        Path script = dir.resolve("out/model.py");
        CliRun e = CliRun.of("export", design.toString(), "--to", "pytorch", "--weights", run.toString(), "-o",
                script.toString());
        assertEquals(0, e.code(), e.err());
        Path weights = dir.resolve("out/model.weights");
        assertTrue(e.out().contains("wrote " + weights + " ("), e.out());
        assertTrue(e.out().contains("trained weights from " + run.resolve("best")), e.out());
        assertTrue(Files.readString(script).contains("WEIGHTS_FILE = \"model.weights\""));

        Path npy = gaussianNpy("input.npy", 3, 1, 16, 16, 7);
        CliRun r = CliRun.of("run", run.toString(), npy.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("checkpoint: " + run.resolve("best")), r.err());
        JsonNode ours = JSON.readTree(r.out());
        assertTrue(ours.isArray() && ours.size() == 3, r.out());
        JsonNode torch = pytorchLogits(script, npy);
        double diff = maxDiff(torch, ours);
        System.out.printf("trained resblock: PyTorch load() and NetCanvas run --format json logits differ by at most"
                + " %.2e%n", diff);
        assertTrue(diff <= 1e-4, "max abs difference " + diff);
        JsonNode l = ours.get(0).get("logits");
        assertTrue(Math.abs(l.get(0).asDouble() - l.get(1).asDouble()) > 1e-3, "the logits should differ");

        // top5: softmax of the logits, computed here, highest first; the checkpoint's class names
        List<String> classes = Checkpoint.load(run).classes();
        for (JsonNode sample : ours) {
            double[] z = new double[4];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                z[k] = sample.get("logits").get(k).asDouble();
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += Math.exp(z[k] - max);
            }
            JsonNode top = sample.get("top5");
            assertEquals(4, top.size()); // four classes: all of them
            double previous = 1;
            for (JsonNode t : top) {
                int k = classes.indexOf(t.get("class").asText());
                double p = t.get("probability").asDouble();
                assertEquals(Math.exp(z[k] - max) / sum, p, 1e-6);
                assertTrue(p <= previous);
                previous = p;
            }
        }
        // one sample: an object, not a list
        CliRun one = CliRun.of("run", run.toString(), gaussianNpy("one.npy", 1, 1, 16, 16, 8).toString(),
                "--format", "json", "--top", "2");
        assertEquals(0, one.code(), one.err());
        JsonNode single = JSON.readTree(one.out());
        assertTrue(single.isObject() && single.get("top5").size() == 2, one.out());
        // the table for a .npy
        CliRun table = CliRun.of("run", run.toString(), npy.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains(npy + " sample 2:\n1. "), table.out());
    }

    @Test
    void withoutWeightsNoFileIsWrittenAndLoadGivesAFreshNetwork() throws Exception {
        Path script = dir.resolve("fresh/model.py");
        CliRun e = CliRun.of("export", design.toString(), "--to", "pytorch", "-o", script.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("no weights: load() in model.py gives a freshly initialised network"), e.out());
        assertFalse(Files.exists(dir.resolve("fresh/model.weights")));
        assertTrue(Files.readString(script).contains("WEIGHTS_FILE = None"));
        requireTorch();
        String out = python(List.of("-c", "import importlib.util, sys\n"
                + "spec = importlib.util.spec_from_file_location('m', sys.argv[1])\n"
                + "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
                + "print(m.load().training)\n", script.toString()));
        assertEquals("False\n", out);
    }

    /** LeNet-5 as an ONNX file with small varied weights: export --to pytorch writes them, run reads .npy. */
    @Test
    void onnxModelExportsItsOwnWeightsAndRuns() throws Exception {
        requireTorch();
        Analysis a = Analyzer.analyze(TestNetworks.lenet5());
        Map<String, Tensor> w = new LinkedHashMap<>();
        Random rnd = new Random(3);
        WeightShapes.of(a).forEach((k, s) -> {
            float[] v = new float[(int) Tensor.elements(s)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (0.2 * rnd.nextGaussian());
            }
            w.put(k, Tensor.of(s, v));
        });
        Path model = Files.write(dir.resolve("lenet.onnx"), OnnxExporter.export(a, new WeightSet(w), 13));
        Path script = dir.resolve("lenet_py/lenet.py");
        CliRun e = CliRun.of("export", model.toString(), "--to", "pytorch", "-o", script.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("the weights imported from " + model), e.out());
        Path npy = gaussianNpy("lenet.npy", 2, 1, 32, 32, 9);
        CliRun r = CliRun.of("run", model.toString(), npy.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode ours = JSON.readTree(r.out());
        double diff = maxDiff(pytorchLogits(script, npy), ours);
        System.out.printf("lenet5 from ONNX: PyTorch load() and NetCanvas run --format json logits differ by at most"
                + " %.2e%n", diff);
        assertTrue(diff <= 1e-4, "max abs difference " + diff);
        assertTrue(ours.get(0).get("top5").get(0).get("class").asText().matches("[0-9]"), r.out());

        // --weights overrides the model's own: a checkpoint of another network is refused, naming a tensor
        CliRun other = CliRun.of("export", model.toString(), "--to", "pytorch", "--weights", run.toString(), "-o",
                dir.resolve("lenet_py/other.py").toString());
        assertEquals(1, other.code(), other.out());
        assertTrue(other.err().contains("different network") || other.err().contains("another network"),
                other.err());
        assertFalse(Files.exists(dir.resolve("lenet_py/other.weights")));
        // an ONNX model runs on .npy only
        CliRun png = CliRun.of("run", model.toString(), dir.resolve("x.png").toString());
        assertEquals(2, png.code());
        assertTrue(png.err().contains("runs on a .npy array"), png.err());
    }

    @Test
    void badNpyFilesAreMessagesWithExitStatus2() throws Exception {
        Path model = Files.write(dir.resolve("plain.onnx"), OnnxExporter.export(Analyzer.analyze(
                TestNetworks.lenet5()), zeros(Analyzer.analyze(TestNetworks.lenet5())), 13));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 32, 32), }#8192", "dtype is '<f8'");
        cases.put("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1, 32, 32), }#4096", "Fortran order");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 32, 32), }#12288",
                "does not fit the network's input 1 x 32 x 32");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 32, 32), }#4096", "it is truncated");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000000, 1, 32, 32), }#4096",
                "declares 102400000000000 float32 values");
        int i = 0;
        for (var c : cases.entrySet()) {
            String[] parts = c.getKey().split("#");
            byte[] good = NpyFile.bytes(new float[Integer.parseInt(parts[1]) / 4], 1, 1, 1,
                    Integer.parseInt(parts[1]) / 4);
            String header = parts[0] + " ".repeat(118 - parts[0].length() - 1) + "\n";
            System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, good, 10, 118);
            Path f = Files.write(dir.resolve("bad" + i++ + ".npy"), good);
            CliRun r = CliRun.of("run", model.toString(), f.toString(), "--format", "json");
            assertEquals(2, r.code(), c.getValue() + ": " + r.err());
            assertTrue(r.err().contains(f + ": ") && r.err().contains(c.getValue()) && r.noStackTrace(), r.err());
            assertEquals("", r.out());
        }
        CliRun format = CliRun.of("run", model.toString(), dir.resolve("bad0.npy").toString(), "--format", "xml");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("--format must be table or json"), format.err());
    }

    private static WeightSet zeros(Analysis a) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        WeightShapes.of(a).forEach((k, s) -> w.put(k, Tensor.of(s, new float[(int) Tensor.elements(s)])));
        return new WeightSet(w);
    }
}
