package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import netcanvas.analysis.Analyzer;
import netcanvas.data.DataSplit;
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
import netcanvas.onnx.OnnxExporter;
import netcanvas.onnx.OnnxImporter;
import netcanvas.onnx.TorchModels;
import netcanvas.weights.WeightSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers survive ONNX both ways: a network trained here and exported with its weights gives the same logits in
 * ONNX Runtime as in NetCanvas, and a torchvision model exported by PyTorch gives PyTorch's logits in NetCanvas.
 */
class OnnxNumbersTest {

    @TempDir
    Path tmp;

    @Test
    void trainedNetworkGivesTheSameLogitsInOnnxRuntime() throws Exception {
        Network net = new NetBuilder("resblock").input(1, 16, 16)
                .then("conv1", Conv2d.of(8, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU()).then("block", new BasicBlock(8, 1, false, 0))
                .then("pool", MaxPool2d.of(2, 2, 0, false)).then("down", new BasicBlock(16, 2, false, 0))
                .then("gap", new GlobalAvgPool()).then("fc", new Dense(4, true)).then("out", new Output()).build();
        DataSplit data = new DataSplit(SyntheticData.generate("train", 4, 1, 16, 16, 200, 1),
                SyntheticData.generate("test", 4, 1, 16, 16, 40, 2));
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatch(32).withOptimizer("adam", 1e-2)
                .withCheckpoints(tmp.resolve("run"), null);
        TrainingListener.Result r = new Trainer(net, data, cfg).run();
        assertEquals(TrainingListener.Outcome.COMPLETED, r.outcome(), r.message());

        Checkpoint ck = Checkpoint.load(tmp.resolve("run").resolve("last"));
        WeightSet w = TorchLayout.toWeightSet(ck.network(), ck.arrays());
        byte[] model = OnnxExporter.export(Analyzer.analyze(ck.network()), w, OnnxExporter.DEFAULT_OPSET);

        int n = 3;
        float[] x = new float[n * 16 * 16];
        Random rnd = new Random(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[][] ours = InferenceNet.of(ck.network(), w).logits(x, n);
        float[][] ort = onnxRuntime(model, x, new long[] {n, 1, 16, 16});
        double diff = maxDiff(ours, ort);
        System.out.printf("trained resblock: ONNX Runtime and NetCanvas logits differ by at most %.2e%n", diff);
        assertTrue(diff <= 1e-4, "max abs difference " + diff);
        assertTrue(Math.abs(ours[0][0] - ours[0][1]) > 1e-3, "the logits should not be trivially equal");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {11, 13, 14, 17})
    void everyActivationKindAgreesWithOnnxRuntimeAndSurvivesTheRoundTrip(int opset) throws Exception {
        Network net = new NetBuilder("activations").input(3, 8, 8)
                .then("c1", Conv2d.of(8, 3, 1, 1, true)).then("a1", new netcanvas.graph.ReLU6())
                .then("c2", Conv2d.of(8, 3, 1, 1, true)).then("a2", new netcanvas.graph.SiLU())
                .then("c3", Conv2d.of(8, 3, 1, 1, true)).then("a3", new netcanvas.graph.Hardswish())
                .then("c4", Conv2d.of(8, 3, 1, 1, true)).then("a4", new netcanvas.graph.Hardsigmoid())
                .then("c5", Conv2d.of(8, 3, 1, 1, true)).then("a5", new netcanvas.graph.LeakyReLU(0.2))
                .then("gap", new GlobalAvgPool()).then("fc", new Dense(5, true)).then("out", new Output()).build();
        WeightSet w = TorchLayout.initial(net, 3);
        byte[] model = OnnxExporter.export(Analyzer.analyze(net), w, opset);
        int n = 2;
        float[] x = new float[n * 3 * 8 * 8];
        Random rnd = new Random(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (4 * rnd.nextGaussian()); // wide enough to reach every piece of the piecewise kinds
        }
        double diff = maxDiff(InferenceNet.of(net, w).logits(x, n), onnxRuntime(model, x, new long[] {n, 3, 8, 8}));
        assertTrue(diff <= 1e-4, "opset " + opset + ": max abs difference " + diff);

        Path file = tmp.resolve("activations.onnx");
        Files.write(file, model);
        OnnxImporter.Imported back = OnnxImporter.read(file);
        assertEquals(List.of(), back.problems());
        assertEquals(net.nodes().stream().map(nd -> nd.id() + "=" + nd.spec()).toList(),
                back.network().nodes().stream().map(nd -> nd.id() + "=" + nd.spec()).toList());
    }

    @Test
    void torchvisionModelsGivePyTorchsLogits() throws Exception {
        for (String name : List.of("branchy", "resnet18", "mobilenet_v2", "mobilenet_v3_large", "efficientnet_b0")) {
            TorchModels.export(List.of(name));
            OnnxImporter.Imported im = OnnxImporter.read(TorchModels.file(name));
            if (name.equals("resnet18")) {
                // Imported as stages of basic blocks, its weights renamed to the expansion's ids.
                assertTrue(im.network().node("layer4").spec() instanceof netcanvas.graph.Stage, name);
                assertNotNull(im.weights().get("layer4.0.downsample_bn.running_var"), name);
            }
            Path dir = TorchModels.file(name).getParent();
            float[] x = floats(dir.resolve(name + ".input.bin"));
            float[] expected = floats(dir.resolve(name + ".logits.bin"));
            float[][] ours = InferenceNet.of(im.network(), im.weights()).logits(x, 1);
            double diff = maxDiff(ours, new float[][] {expected});
            double scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            // Relative to the logits' size: a randomly initialised MobileNet's logits are about 1e-9.
            System.out.printf("%s imported from PyTorch's ONNX: NetCanvas and PyTorch logits (largest %.2e) differ by"
                    + " at most %.2e (%.1e of the largest)%n", name, scale, diff, diff / scale);
            assertTrue(scale > 0 && diff <= 1e-4 * scale, name + ": max abs difference " + diff + " at scale " + scale);
        }
    }

    @Test
    void trainingStartsFromGivenWeights() throws Exception {
        Network net = TestNets.lenet5();
        Map<String, netcanvas.weights.Tensor> ramp = new java.util.LinkedHashMap<>();
        netcanvas.weights.WeightShapes.of(Analyzer.analyze(net)).forEach((k, shape) -> {
            float[] v = new float[(int) netcanvas.weights.Tensor.elements(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i % 13 - 6) / 100f;
            }
            ramp.put(k, netcanvas.weights.Tensor.of(shape, v));
        });
        WeightSet given = new WeightSet(ramp);
        DataSplit data = new DataSplit(SyntheticData.generate("train", 10, 1, 32, 32, 64, 1),
                SyntheticData.generate("test", 10, 1, 32, 32, 20, 2));
        // A learning rate of 1e-12 leaves the weights where they started, to float precision.
        TrainConfig cfg = TrainConfig.defaults().withEpochs(1).withBatch(32).withOptimizer("sgd", 1e-12)
                .withCheckpoints(tmp.resolve("ft"), null);
        TrainingListener.Result r = new Trainer(net, data, cfg, given).run();
        assertEquals(TrainingListener.Outcome.COMPLETED, r.outcome(), r.message());
        Checkpoint ck = Checkpoint.load(tmp.resolve("ft").resolve("last"));
        WeightSet after = TorchLayout.toWeightSet(ck.network(), ck.arrays());
        for (String name : given.names()) {
            float[] a = given.get(name).floats();
            float[] b = after.get(name).floats();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6, name + "[" + i + "]");
            }
        }
    }

    static float[][] onnxRuntime(byte[] model, float[] x, long[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                OrtSession.Result out = s.run(Map.of(s.getInputNames().iterator().next(), in))) {
            return (float[][]) out.get(0).getValue();
        }
    }

    private static float[] floats(Path p) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static double maxDiff(float[][] a, float[][] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i].length, b[i].length);
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }
}
