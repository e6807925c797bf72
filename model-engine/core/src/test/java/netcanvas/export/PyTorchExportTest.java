package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Add;
import netcanvas.graph.Conv2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.io.NetworkJson;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every preset and the hand-built networks, exported and run under PyTorch: PyTorch's parameter count, running
 * statistics and every layer's output shape (forward hooks keyed by NetCanvas id) must equal the analysis exactly.
 */
class PyTorchExportTest {

    @TempDir
    static Path dir;

    /** File name to (analysis, PyTorch summary); one python process for all of them. */
    private static final Map<String, Analysis> analyses = new LinkedHashMap<>();
    private static Map<String, JsonNode> summaries;
    private static final List<String> presetsChecked = new ArrayList<>();

    @BeforeAll
    static void exportAndRunAll() throws Exception {
        TorchCheck.requireTorch();
        Map<String, Network> networks = new LinkedHashMap<>();
        for (String name : Presets.NAMES) {
            if (Presets.class.getResource("/netcanvas/presets/" + name + ".json") != null) {
                networks.put("preset_" + name, Presets.load(name));
                presetsChecked.add(name);
            }
        }
        // Sample files the preset list does not name yet (the build runs in model-engine/core/, two levels below
        // samples/).
        Path samples = Path.of("..", "..", "samples");
        if (Files.isDirectory(samples)) {
            try (var files = Files.list(samples)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                    if (!presetsChecked.contains(name)) {
                        networks.put("preset_" + name, NetworkJson.read(f));
                        presetsChecked.add(name);
                    }
                }
            }
        }
        TestNetworks.all().forEach((name, n) -> networks.put("built_" + name, n));
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            String file = PyText.identifier(e.getKey()) + ".py";
            Analysis a = Analyzer.analyze(e.getValue());
            Files.writeString(dir.resolve(file), PyTorchExporter.export(a, ExportRecipe.defaults(), file));
            analyses.put(file, a);
        }
        summaries = TorchCheck.summaries(dir, new ArrayList<>(analyses.keySet()));
    }

    @Test
    void everyNetworkAgreesWithPyTorchLayerByLayer() {
        List<String> failures = new ArrayList<>();
        int layers = 0;
        int disagreeing = 0;
        for (Map.Entry<String, Analysis> e : analyses.entrySet()) {
            List<String> problems = TorchCheck.compare(e.getValue(), summaries.get(e.getKey()));
            problems.forEach(p -> failures.add(e.getKey() + ": " + p));
            disagreeing += problems.isEmpty() ? 0 : 1;
            layers += e.getValue().layers().size();
        }
        System.out.println("PyTorch agrees with NetCanvas on " + (analyses.size() - disagreeing) + " of "
                + analyses.size() + " networks (" + layers + " layers); presets checked: "
                + (presetsChecked.isEmpty() ? "none in this build" : String.join(", ", presetsChecked)));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Independently known counts: torchvision's resnet50 and LeCun's LeNet-5 (with max pooling). */
    @Test
    void knownParameterCounts() {
        assertEquals(25_557_032L, summaries.get("built_resnet50.py").get("params").asLong());
        // 6*(25+1) + 16*(6*25+1) + 120*(400+1) + 84*(120+1) + 10*(84+1) = 156 + 2416 + 48120 + 10164 + 850
        assertEquals(61_706L, summaries.get("built_lenet5.py").get("params").asLong());
        // running mean and variance of ResNet-50's 53 batch norms: 2 x their channels, 2 x 26,560, where
        // 26,560 = 64 (bn1) + 3*(64+64+256)+256 + 4*(128+128+512)+512 + 6*(256+256+1024)+1024 + 3*(512+512+2048)+2048
        assertEquals(2 * 26_560L, summaries.get("built_resnet50.py").get("state").asLong());
        // torchvision 0.14's efficientnet_b0 and mobilenet_v3_large (reference_counts.py)
        assertEquals(5_288_548L, summaries.get("preset_efficientnet_b0.py").get("params").asLong());
        assertEquals(5_483_032L, summaries.get("preset_mobilenet_v3_large.py").get("params").asLong());
        // the 1x28x28 MobileNetV2 built from torchvision's InvertedResidual blocks (reference_counts.py)
        assertEquals(149_098L, summaries.get("preset_mobilenet_v2_fmnist.py").get("params").asLong());
        assertEquals(6_944L, summaries.get("preset_mobilenet_v2_fmnist.py").get("state").asLong());
    }

    /**
     * The exported EfficientNet-B0 and MobileNetV3-Large train: one epoch of two batches of two synthetic images
     * (adapted to 3x224x224) runs, and its loss starts near ln(1000) = 6.9, the loss of a freshly initialised
     * 1000-way classifier whose logits are still small.
     */
    @Test
    void exportedModernPresetsTrain() throws IOException {
        for (String name : List.of("efficientnet_b0", "mobilenet_v3_large")) {
            TorchCheck.ProcessResult t = TorchCheck.run(List.of(TorchCheck.PYTHON,
                    dir.resolve("preset_" + name + ".py").toString(), "--train", "synthetic", "--epochs", "1",
                    "--limit", "4", "--batch", "2", "--optimizer", "sgd", "--lr", "0.01"), 600);
            assertEquals(0, t.exitCode(), name + ": " + t.stderr());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("epoch 1/1: loss ([0-9.]+)")
                    .matcher(t.stdout());
            assertTrue(m.find(), name + ": " + t.stdout());
            double loss = Double.parseDouble(m.group(1));
            assertTrue(Math.abs(loss - Math.log(1000)) < 1.0, name + ": first epoch's loss " + loss);
        }
    }

    @Test
    void reExportIsByteIdenticalAndCompiles() throws Exception {
        List<String> command = new ArrayList<>(List.of(TorchCheck.PYTHON, "-m", "py_compile"));
        for (Map.Entry<String, Analysis> e : analyses.entrySet()) {
            String again = PyTorchExporter.export(Analyzer.analyze(e.getValue().network()), ExportRecipe.defaults(),
                    e.getKey());
            assertEquals(Files.readString(dir.resolve(e.getKey())), again, e.getKey() + " changed on re-export");
            command.add(dir.resolve(e.getKey()).toString());
        }
        TorchCheck.ProcessResult r = TorchCheck.run(command, 300);
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void refusesNetworksWithErrorsListingThem() {
        Network broken = new NetBuilder("broken").input(3, 8, 8).then("conv", Conv2d.of(4, 9, 1, 0, true))
                .then("out", new Output()).add("join", new Add(), "input").build();
        ExportException e = assertThrows(ExportException.class,
                () -> PyTorchExporter.export(broken, ExportRecipe.defaults()));
        assertTrue(e.getMessage().startsWith("cannot export 'broken': the analysis found 2 errors"), e.getMessage());
        assertTrue(e.getMessage().contains("error at 'conv': output would be 0x0"), e.getMessage());
        assertTrue(e.getMessage().contains("error at 'join': needs at least 2 inputs"), e.getMessage());
    }

    /** PyTorch's own modules hold exactly the hyper-parameters the design set. */
    @Test
    void hyperParametersReachPyTorchExactly() throws Exception {
        Path file = dir.resolve("built_lrn_grouped.py");
        String script = "import importlib.util, json\n"
                + "spec = importlib.util.spec_from_file_location('m', '" + file + "')\n"
                + "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
                + "model = m.build_model()\n"
                + "print(json.dumps({p: {k: v for k, v in vars(mod).items() if not k.startswith('_')"
                + " and k != 'training' and isinstance(v, (int, float, str, tuple))}"
                + " for p, mod in model.named_modules() if p}))\n";
        TorchCheck.ProcessResult r = TorchCheck.run(List.of(TorchCheck.PYTHON, "-c", script), 120);
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertEquals("{\"size\":3,\"alpha\":2.0E-4,\"beta\":0.7,\"k\":2.0}", m.get("lrn1").toString());
        assertEquals("[11,9]", m.get("conv1").get("kernel_size").toString());
        assertEquals("[4,3]", m.get("conv1").get("stride").toString());
        assertEquals("[2,1]", m.get("conv1").get("padding").toString());
        assertEquals(4, m.get("conv2").get("groups").asInt());
        assertEquals("same", m.get("conv2").get("padding").asText());
        assertEquals("[2,2]", m.get("dil").get("dilation").toString());
        assertEquals(2, m.get("dil").get("groups").asInt());
        assertEquals(1e-3, m.get("bn2").get("eps").asDouble());
        assertEquals(0.01, m.get("bn2").get("momentum").asDouble());
        assertEquals(2e-5, m.get("bn_fc").get("eps").asDouble());
        assertEquals(0.2, m.get("bn_fc").get("momentum").asDouble());
        assertEquals(0.2, m.get("leaky2").get("negative_slope").asDouble());
        assertEquals(0.3, m.get("drop").get("p").asDouble());
        assertEquals(true, m.get("pool1").get("ceil_mode").asBoolean());
        assertEquals(1, m.get("pool1").get("padding").asInt());
        assertEquals(true, m.get("pool2").get("ceil_mode").asBoolean());
        assertEquals(false, m.get("pool2").get("count_include_pad").asBoolean());
        assertEquals(1, m.get("soft").get("dim").asInt());
    }

    /**
     * The exported channel operations compute what PyTorch's own do: the shuffle as torch.nn.ChannelShuffle (on a map
     * and, through a trailing axis, on a feature vector), the two slices as torch.chunk(x, 2, dim=1); and unlike
     * torch 1.13's nn.ChannelShuffle they have a gradient, so the exported ShuffleNet trains.
     */
    @Test
    void channelOperationsComputeAsPyTorchAndTrain() throws Exception {
        Path file = dir.resolve("built_shuffle.py");
        String script = "import importlib.util, torch, torch.nn as nn\n"
                + "spec = importlib.util.spec_from_file_location('m', '" + file + "')\n"
                + "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
                + "model = m.build_model(); mods = dict(model.named_modules())\n"
                + "print(type(mods['shuffle4']).__name__, type(mods['lo']).__name__,"
                + " type(mods['stage.0.shuffle']).__name__)\n"
                + "torch.manual_seed(0); x = torch.randn(2, 48, 5, 3, dtype=torch.float64)\n"
                + "print(torch.equal(mods['shuffle4'](x), nn.ChannelShuffle(4)(x)),"
                + " torch.equal(mods['stage.0.shuffle'](x), nn.ChannelShuffle(2)(x)))\n"
                + "v = torch.randn(2, 12, dtype=torch.float64)\n"
                + "print(torch.equal(mods['shuffle_fc'](v), nn.ChannelShuffle(3)(v.unsqueeze(-1)).squeeze(-1)))\n"
                + "a, b = torch.chunk(x, 2, dim=1)\n"
                + "print(torch.equal(mods['lo'](x), a), torch.equal(mods['hi'](x), b))\n"
                + "model.train(); model(torch.randn(4, 3, 32, 32)).logsumexp(1).sum().backward()\n"
                + "print(all(p.grad is not None and p.grad.abs().sum() > 0 for p in model.parameters()))\n";
        TorchCheck.ProcessResult r = TorchCheck.run(List.of(TorchCheck.PYTHON, "-c", script), 120);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("ChannelShuffle ChannelSlice ChannelShuffle\nTrue True\nTrue\nTrue True\nTrue\n", r.stdout());
    }

    /**
     * The exported activations are PyTorch's own modules, and what each computes at chosen points equals its
     * definition worked out by hand (the same values ActivationValuesTest requires of the SameDiff lowering).
     */
    @Test
    void newActivationsAreTorchModulesThatComputeTheirDefinitions() throws Exception {
        Path file = dir.resolve("built_mobile.py");
        StringBuilder script = new StringBuilder("import importlib.util, json, torch, torch.nn as nn\n"
                + "spec = importlib.util.spec_from_file_location('m', '" + file + "')\n"
                + "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
                + "mods = dict(m.build_model().named_modules())\n"
                + "print(json.dumps({k: type(mods[k]).__name__ for k in ['relu6', 'hswish', 'hsigmoid', 'silu']}))\n"
                + "x = torch.tensor([-4, -3, -1.5, -1, 0, 0.5, 1, 3, 5, 6, 7], dtype=torch.float64)\n");
        List<netcanvas.graph.LayerSpec> kinds = List.of(new netcanvas.graph.ReLU6(), new netcanvas.graph.SiLU(),
                new netcanvas.graph.Hardswish(), new netcanvas.graph.Hardsigmoid());
        for (netcanvas.graph.LayerSpec k : kinds) {
            String call = ((netcanvas.graph.PrimitiveSpec) k).accept(new TorchModules(List.of(
                    netcanvas.graph.Shape.features(11)))).render();
            script.append("print(json.dumps((").append(call).append(")(x).tolist()))\n");
        }
        TorchCheck.ProcessResult r = TorchCheck.run(List.of(TorchCheck.PYTHON, "-c", script.toString()), 120);
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertEquals("{\"relu6\": \"ReLU6\", \"hswish\": \"Hardswish\", \"hsigmoid\": \"Hardsigmoid\","
                + " \"silu\": \"SiLU\"}", lines[0]);
        double[][] expected = {
            {0, 0, 0, 0, 0, 0.5, 1, 3, 5, 6, 6},
            // x / (1 + e^-x)
            {-0.0719448, -0.1422776, -0.2736383, -0.2689414, 0, 0.3112297, 0.7310586, 2.8577224, 4.9665357, 5.9851643,
                6.9936226},
            // x * min(max(x + 3, 0), 6) / 6
            {0, 0, -0.375, -1.0 / 3, 0, 0.2916667, 2.0 / 3, 3, 5, 6, 7},
            // min(max(x + 3, 0), 6) / 6
            {0, 0, 0.25, 1.0 / 3, 0.5, 0.5833333, 2.0 / 3, 1, 1, 1, 1}};
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < kinds.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected[i], json.readValue(lines[i + 1],
                    double[].class), 1e-7, kinds.get(i).kind());
        }
    }

    /** The file's own main part: parameter count and output shape, and a short training run. */
    @Test
    void generatedMainRunsAndTrains() throws IOException {
        Path file = dir.resolve("built_lenet5.py");
        TorchCheck.ProcessResult r = TorchCheck.run(List.of(TorchCheck.PYTHON, file.toString()), 120);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("lenet5: 61,706 parameters\noutput shape: (1, 10)\n", r.stdout());
        TorchCheck.ProcessResult t = TorchCheck.run(List.of(TorchCheck.PYTHON, file.toString(), "--train",
                "synthetic", "--epochs", "2", "--batch", "32", "--optimizer", "adam", "--lr", "0.003"), 300);
        assertEquals(0, t.exitCode(), t.stderr());
        assertTrue(t.stdout().contains("epoch 2/2: loss "), t.stdout());
    }

    /** Fashion-MNIST as Debian ships it (CI installs dataset-fashion-mnist): LeNet-5 learns well above chance. */
    @Test
    void trainsOnFashionMnist() throws Exception {
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        netcanvas.References.require(Files.isDirectory(data), "Fashion-MNIST (apt-get install dataset-fashion-mnist)");
        TorchCheck.ProcessResult t = TorchCheck.run(List.of(TorchCheck.PYTHON, dir.resolve("built_lenet5.py")
                .toString(), "--train", data.toString(), "--epochs", "2", "--limit", "6000", "--optimizer", "adam",
                "--lr", "0.002"), 600);
        assertEquals(0, t.exitCode(), t.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("epoch 2/2: .* test accuracy ([0-9.]+)")
                .matcher(t.stdout());
        assertTrue(m.find(), t.stdout());
        // ten classes: chance is 0.1; LeNet-5 reaches about 0.7 after two short epochs on 6000 images
        System.out.println("LeNet-5 on 6000 Fashion-MNIST images, 2 epochs: test accuracy " + m.group(1));
        assertTrue(Double.parseDouble(m.group(1)) > 0.5, t.stdout());
    }

    /** CIFAR-10 in its pickled and binary layouts (tiny stand-in files written here), resized to a 1x32x32 input. */
    @Test
    void readsBothCifar10Layouts() throws Exception {
        Path pickled = dir.resolve("cifar/cifar-10-batches-py");
        Path binary = dir.resolve("cifarbin");
        String writer = "import os, pickle, sys\n"
                + "py, binary = sys.argv[1], sys.argv[2]\n"
                + "os.makedirs(py, exist_ok=True); os.makedirs(binary, exist_ok=True)\n"
                + "for name in ['data_batch_%d' % i for i in range(1, 6)] + ['test_batch']:\n"
                + "    labels = [i % 10 for i in range(20)]\n"
                + "    data = bytes((i * 7) % 256 for i in range(20 * 3072))\n"
                + "    with open(os.path.join(py, name), 'wb') as f:\n"
                + "        pickle.dump({b'data': data, b'labels': labels}, f)\n"
                + "    with open(os.path.join(binary, name + '.bin'), 'wb') as f:\n"
                + "        for i in range(20):\n"
                + "            f.write(bytes([labels[i]]) + data[i * 3072:(i + 1) * 3072])\n";
        TorchCheck.ProcessResult w = TorchCheck.run(List.of(TorchCheck.PYTHON, "-c", writer, pickled.toString(),
                binary.toString()), 120);
        assertEquals(0, w.exitCode(), w.stderr());
        for (Path data : List.of(dir.resolve("cifar"), binary)) {
            TorchCheck.ProcessResult t = TorchCheck.run(List.of(TorchCheck.PYTHON, dir.resolve("built_lenet5.py")
                    .toString(), "--train", data.toString(), "--epochs", "1", "--batch", "25"), 300);
            assertEquals(0, t.exitCode(), t.stderr());
            assertTrue(t.stdout().contains("epoch 1/1: loss "), t.stdout());
        }
        TorchCheck.ProcessResult bad = TorchCheck.run(List.of(TorchCheck.PYTHON, dir.resolve("built_lenet5.py")
                .toString(), "--train", dir.resolve("nothing").toString()), 120);
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("is not a directory; give a Fashion-MNIST IDX directory"), bad.stderr());
    }

    /** --summary-json from the file's own command line gives the same check as the batch run. */
    @Test
    void summaryJsonFlagPrintsEveryLayer() throws Exception {
        Path file = dir.resolve("built_inception_net.py");
        TorchCheck.ProcessResult r = TorchCheck.run(List.of(TorchCheck.PYTHON, file.toString(), "--summary-json"), 120);
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertEquals(List.of(), TorchCheck.compare(analyses.get("built_inception_net.py"), summary));
        // inception3a: 64 + 128 + 32 + 32 channels; 96 -> conv 7/2 pad 3: floor((96+6-7)/2)+1 = 48
        // -> max pool 3/2 ceil: ceil((48-3)/2)+1 = 24
        assertEquals("[256,24,24]", summary.get("layers").get("inception3a").toString());
    }

    /** Two processes with the environment torchrun gives them: DistributedSampler, gloo on CPU, all_reduce. */
    @Test
    void trainsUnderDistributedDataParallel() throws Exception {
        Path file = dir.resolve("built_lenet5.py");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            ProcessBuilder pb = new ProcessBuilder(TorchCheck.PYTHON, file.toString(), "--train", "synthetic",
                    "--epochs", "1", "--batch", "16", "--limit", "256", "--save", dir.resolve("w.pt").toString());
            pb.environment().putAll(Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", Integer.toString(port),
                    "RANK", Integer.toString(rank), "LOCAL_RANK", Integer.toString(rank), "WORLD_SIZE", "2"));
            Path log = dir.resolve("ddp" + rank + ".log");
            logs.add(log);
            processes.add(pb.redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (Process p : processes) {
            assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "a training process hung");
        }
        String rank0 = Files.readString(logs.get(0));
        assertEquals(0, processes.get(0).exitValue(), rank0);
        assertEquals(0, processes.get(1).exitValue(), Files.readString(logs.get(1)));
        assertTrue(rank0.contains("on cpu x 2 processes"), rank0);
        assertTrue(rank0.contains("epoch 1/1: loss "), rank0);
        assertTrue(Files.size(dir.resolve("w.pt")) > 61_706 * 4, "the saved weights hold every parameter");
        assertEquals("", Files.readString(logs.get(1)).replaceAll("(?m)^.*Warning.*$\\n?", ""),
                "only rank 0 reports");
    }
}
