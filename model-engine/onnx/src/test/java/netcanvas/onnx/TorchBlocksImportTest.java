package netcanvas.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.CompositeSpec;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.Input;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;
import netcanvas.presets.Presets;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * torchvision's residual networks exported by PyTorch import as NetCanvas's presets do: the stem, four stages of
 * torchvision's block counts, the head. The collapsed network's expansion is the flat import, layer by layer, and
 * the weights carry the expansion's names. torchvision's GoogLeNet stays loose (see {@link #googlenetStaysLoose}).
 */
class TorchBlocksImportTest {

    /** torchvision's model, NetCanvas's preset of it, its four stages' block counts and blocks, its parameters. */
    private record Case(String torch, String preset, int[] repeats, List<LayerSpec> blocks, long params) {
    }

    private static final List<Case> CASES = List.of(
            new Case("resnet18", "resnet18", new int[] {2, 2, 2, 2}, List.of(new BasicBlock(64, 1, false, 0),
                    new BasicBlock(128, 2, false, 0), new BasicBlock(256, 2, false, 0),
                    new BasicBlock(512, 2, false, 0)), 11_689_512L),
            new Case("resnet50", "resnet50", new int[] {3, 4, 6, 3}, bottlenecks(1, 1), 25_557_032L),
            new Case("resnet152", "resnet152", new int[] {3, 8, 36, 3}, bottlenecks(1, 1), 60_192_808L),
            // ResNeXt-50 32x4d: 32 groups of 4 channels per group in the first stage (width 128), doubling per stage.
            new Case("resnext50_32x4d", "resnext50-32x4d", new int[] {3, 4, 6, 3}, bottlenecks(2, 32), 25_028_904L));

    private static List<LayerSpec> bottlenecks(int widthFactor, int groups) {
        List<LayerSpec> b = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int planes = 64 << i;
            b.add(new BottleneckBlock(planes * widthFactor, planes * 4, i == 0 ? 1 : 2, groups, false, 0));
        }
        return b;
    }

    @TestFactory
    Stream<DynamicTest> residualNetworksImportAsStagesOfBlocks() throws Exception {
        List<String> names = CASES.stream().map(Case::torch).toList();
        Map<String, JsonNode> refs = TorchModels.export(names);
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.torch(), () -> check(c, refs.get(c.torch()))));
    }

    private static void check(Case c, JsonNode ref) throws Exception {
        OnnxImporter.Imported flat = OnnxImporter.readFlat(TorchModels.file(c.torch()), null);
        OnnxImporter.Imported im = OnnxImporter.read(TorchModels.file(c.torch()));
        assertEquals(List.of(), im.problems());

        // The stem, torchvision's four stages, the head.
        List<Node> top = im.network().nodes();
        List<Node> expected = new ArrayList<>(List.of(
                new Node("input", new Input(3, 224, 224), List.of()),
                new Node("conv1", Conv2d.of(64, 7, 2, 3, false), List.of("input")),
                new Node("bn1", BatchNorm.standard(), List.of("conv1")),
                new Node("relu", new ReLU(), List.of("bn1")),
                new Node("maxpool", MaxPool2d.of(3, 2, 1, false), List.of("relu"))));
        String last = "maxpool";
        for (int i = 0; i < 4; i++) {
            String id = "layer" + (i + 1);
            expected.add(new Node(id, new Stage(c.repeats()[i], c.blocks().get(i)), List.of(last)));
            last = id;
        }
        expected.addAll(List.of(new Node("avgpool", new GlobalAvgPool(), List.of(last)),
                new Node("flatten", new Flatten(), List.of("avgpool")),
                new Node("fc", new Dense(1000, true), List.of("flatten")),
                new Node("output", new Output(), List.of("fc"))));
        assertEquals(expected, top, c.torch());
        // ... which is NetCanvas's own preset of the model.
        assertEquals(Presets.load(c.preset()).nodes().stream().map(x -> x.withPosition(null)).toList(), top,
                c.torch() + " as the preset " + c.preset());

        // Totals are still PyTorch's (its parameter count and its hooks' conv + linear multiply-adds).
        Analysis before = Analyzer.analyze(flat.network());
        Analysis after = Analyzer.analyze(im.network());
        assertEquals(c.params(), after.totals().params(), c.torch());
        assertEquals(ref.get("params").asLong(), after.totals().params(), c.torch());
        assertEquals(ref.get("macs").asLong(), after.totals().macs(), c.torch());
        assertEquals(before.totals(), after.totals(), c.torch());

        // Each flat layer is one expanded layer, through the id mapping, with its spec, inputs, shape and cost.
        assertEquals(before.layers().size(), after.layers().size(), c.torch());
        int renamed = 0;
        for (LayerResult b : before.layers()) {
            String id = im.idOf(b.id());
            renamed += id.equals(b.id()) ? 0 : 1;
            LayerResult a = after.layer(id);
            assertNotNull(a, c.torch() + ": " + b.id() + " as " + id);
            assertEquals(b.spec(), a.spec(), id);
            assertEquals(b.output(), a.output(), id);
            assertEquals(b.cost(), a.cost(), id);
            assertEquals(b.receptiveField(), a.receptiveField(), id);
            assertEquals(b.inputs().stream().map(im::idOf).toList(), a.inputs(), id);
        }

        // The weights carry the expansion's names, and hold the flat import's values.
        Map<String, long[]> needed = WeightShapes.of(after);
        assertEquals(needed.keySet(), im.weights().names(), c.torch());
        for (var e : needed.entrySet()) {
            assertArrayEquals(e.getValue(), im.weights().get(e.getKey()).shape(), e.getKey());
        }
        assertEquals(flat.weights().size(), im.weights().size());
        for (String name : flat.weights().names()) {
            int dot = name.lastIndexOf('.');
            Tensor t = im.weights().get(im.idOf(name.substring(0, dot)) + name.substring(dot));
            assertNotNull(t, name);
            assertArrayEquals(flat.weights().get(name).shape(), t.shape(), name);
            assertTrue(java.util.Arrays.equals(flat.weights().get(name).floats(), t.floats()), name);
        }
        System.out.printf("%s from PyTorch: %d loose layers -> %d nodes, stages of %s blocks (%s); %,d parameters,"
                + " %,d MACs; %d layers renamed, %d weight tensors%n", c.torch(), flat.network().nodes().size(),
                top.size(), java.util.Arrays.toString(c.repeats()), c.blocks().get(0).kind(),
                after.totals().params(), after.totals().macs(), renamed, im.weights().size());
    }

    /**
     * torchvision's GoogLeNet is not NetCanvas's InceptionModule: its BasicConv2d has batch norm with eps 0.001 (the
     * module's batch norm is PyTorch's default 1e-5), its "5x5" branch is a 3x3 convolution, and its pool branch
     * rounds up (ceil mode). No expansion equals it, so every layer stays loose.
     */
    @Test
    void googlenetStaysLoose() throws Exception {
        TorchModels.export(List.of("googlenet"));
        OnnxImporter.Imported flat = OnnxImporter.readFlat(TorchModels.file("googlenet"), null);
        OnnxImporter.Imported im = OnnxImporter.read(TorchModels.file("googlenet"));
        Network n = im.network();
        assertTrue(n.nodes().stream().noneMatch(x -> x.spec() instanceof CompositeSpec));
        assertEquals(flat.network().nodes(), n.nodes());
        assertEquals(new BatchNorm(0.001, 0.1), n.node("inception3a.branch1.bn").spec());
        assertEquals(Conv2d.of(32, 3, 1, 1, false), n.node("inception3a.branch3.1.conv").spec());
        assertEquals(MaxPool2d.of(3, 1, 1, true), n.node("inception3a.branch4.0").spec());
        System.out.printf("googlenet from PyTorch stays loose: %d layers%n", n.nodes().size());
    }
}
