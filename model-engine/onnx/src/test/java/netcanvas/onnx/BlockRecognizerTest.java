package netcanvas.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.CompositeSpec;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;
import netcanvas.presets.Presets;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recognizer on flat networks made here (no PyTorch needed): a preset's expansion written out as loose layers
 * collapses back into the preset, and a block that differs from NetCanvas's in one detail stays loose.
 */
class BlockRecognizerTest {

    /** The preset's expanded layers as loose nodes, as an import of its ONNX export reads them. */
    static Network flat(Network net) {
        List<Node> nodes = new ArrayList<>();
        for (LayerResult r : Analyzer.analyze(net).layers()) {
            nodes.add(new Node(r.id(), r.spec(), r.inputs()));
        }
        return new Network(net.name(), nodes);
    }

    /** Weights for every layer of the network, each tensor filled with its own index so renames can be followed. */
    static WeightSet weights(Network net) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        int[] k = {0};
        WeightShapes.of(Analyzer.analyze(net)).forEach((name, s) -> {
            float[] v = new float[(int) Tensor.elements(s)];
            java.util.Arrays.fill(v, k[0]++);
            w.put(name, Tensor.of(s, v));
        });
        return new WeightSet(w);
    }

    private static List<String> nodes(Network n) {
        return n.nodes().stream().map(x -> x.id() + " <- " + x.inputs() + " : " + x.spec()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "resnet18", "resnet50", "resnext50-32x4d", "se-resnet50", "googlenet",
            "shufflenet_v2_x1_0", "inception_v3"})
    void aPresetsLooseLayersCollapseBackIntoThePreset(String preset) throws Exception {
        Network net = Presets.load(preset);
        Network loose = flat(net);
        WeightSet w = weights(loose);
        BlockRecognizer.Result r = BlockRecognizer.recognise(loose, w);
        assertEquals(nodes(net), nodes(r.network()), preset);
        // The preset's expanded ids are the loose layers' own: nothing is renamed.
        r.ids().forEach((k, v) -> assertEquals(k, v));
        assertEquals(w.asMap(), r.weights().asMap());
        System.out.printf("%s: %d loose layers collapse into %d nodes, %d of them blocks or stages%n", preset,
                loose.nodes().size(), r.network().nodes().size(), r.blocks());
    }

    @Test
    void preActivationGroupedAndSqueezeExcitationBlocksAndBatchNormInceptionCollapse() {
        Network net = new NetBuilder("preact").input(3, 32, 32)
                .then("conv1", Conv2d.of(16, 3, 1, 1, false))
                .then("layer1", new Stage(2, new BottleneckBlock(16, 64, 1, 1, true, 4)))
                .then("layer2", new Stage(3, new BasicBlock(32, 2, true, 0)))
                .then("layer3", new Stage(2, new BottleneckBlock(32, 128, 2, 8, false, 8)))
                .then("mixed", new InceptionModule(8, 8, 16, 4, 8, 8, true))
                .then("pool", new GlobalAvgPool()).then("flatten", new Flatten())
                .then("fc", new Dense(10, true)).then("output", new Output()).build();
        Network loose = flat(net);
        BlockRecognizer.Result r = BlockRecognizer.recognise(loose, weights(loose));
        assertEquals(nodes(net), nodes(r.network()));
        assertSameAnalysis(loose, r);
    }

    @Test
    void aConvolutionWithABiasKeepsItsBlockLoose() {
        // resnet20: three stages of three basic blocks; give layer2.1's second convolution a bias.
        Network loose = flat(preset("resnet20"));
        Conv2d c = (Conv2d) loose.node("layer2.1.conv2").spec();
        Network changed = loose.replace(loose.node("layer2.1.conv2").withSpec(
                new Conv2d(c.outChannels(), c.kernel(), c.stride(), c.padding(), c.dilation(), c.groups(), true)));
        BlockRecognizer.Result r = BlockRecognizer.recognise(changed, weights(changed));

        Map<String, LayerSpec> specs = specs(r.network());
        // layer1 and layer3 are still stages of three; layer2.0 and layer2.2 are blocks of their own (no stage can
        // hold them without the loose layer2.1), and layer2.1's eight layers stay as they were.
        assertEquals(new Stage(3, new BasicBlock(16, 1, false, 0)), specs.get("layer1"));
        assertEquals(new Stage(3, new BasicBlock(64, 2, false, 0)), specs.get("layer3"));
        assertEquals(new BasicBlock(32, 2, false, 0), specs.get("layer2.0"));
        assertEquals(new BasicBlock(32, 1, false, 0), specs.get("layer2.2"));
        assertEquals(null, specs.get("layer2"));
        List<String> layer21 = r.network().nodes().stream().map(Node::id).filter(id -> id.startsWith("layer2.1."))
                .toList();
        assertEquals(List.of("layer2.1.conv1", "layer2.1.bn1", "layer2.1.relu1", "layer2.1.conv2", "layer2.1.bn2",
                "layer2.1.add", "layer2.1.relu"), layer21);
        assertTrue(r.network().nodes().stream().filter(n -> n.id().startsWith("layer2.1."))
                .noneMatch(n -> n.spec() instanceof CompositeSpec));
        assertSameAnalysis(changed, r);
    }

    @Test
    void anExtraLayerKeepsItsBlockLoose() {
        // resnet18's layer3.1 with a ReLU too many after its first batch norm.
        Network loose = flat(preset("resnet18"));
        Node relu1 = loose.node("layer3.1.relu1");
        List<Node> nodes = new ArrayList<>();
        for (Node n : loose.nodes()) {
            nodes.add(n == relu1 ? n.withInputs(List.of("layer3.1.extra")) : n);
            if (n.id().equals("layer3.1.bn1")) {
                nodes.add(new Node("layer3.1.extra", new ReLU(), List.of("layer3.1.bn1")));
            }
        }
        Network changed = new Network(loose.name(), nodes);
        BlockRecognizer.Result r = BlockRecognizer.recognise(changed, weights(changed));
        Map<String, LayerSpec> specs = specs(r.network());
        assertEquals(new BasicBlock(256, 2, false, 0), specs.get("layer3.0"));
        assertNotNull(specs.get("layer3.1.extra"));
        assertEquals(null, specs.get("layer3.1"));
        assertEquals(null, specs.get("layer3"));
        assertEquals(new Stage(2, new BasicBlock(512, 2, false, 0)), specs.get("layer4"));
        assertSameAnalysis(changed, r);
    }

    @Test
    void aShortcutThatSkipsItsBatchNormKeepsItsBlockLoose() {
        // resnet18's layer2.0 with its projection's batch norm bypassed: the add reads the 1x1 convolution itself.
        Network loose = flat(preset("resnet18"));
        Node add = loose.node("layer2.0.add");
        Network changed = loose.replace(add.withInputs(List.of("layer2.0.bn2", "layer2.0.downsample")));
        BlockRecognizer.Result r = BlockRecognizer.recognise(changed, weights(changed));
        Map<String, LayerSpec> specs = specs(r.network());
        assertEquals(null, specs.get("layer2.0"));
        assertTrue(specs.get("layer2.0.conv1") instanceof Conv2d);
        assertEquals(new BasicBlock(128, 1, false, 0), specs.get("layer2.1"));
        assertSameAnalysis(changed, r);
    }

    @Test
    void aNetworkWithoutBlocksComesBackAsItWas() {
        Network loose = flat(preset("vgg11"));
        WeightSet w = weights(loose);
        BlockRecognizer.Result r = BlockRecognizer.recognise(loose, w);
        assertSame(loose, r.network());
        assertSame(w, r.weights());
    }

    private static Network preset(String name) {
        try {
            return Presets.load(name);
        } catch (netcanvas.io.NetworkFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, LayerSpec> specs(Network n) {
        Map<String, LayerSpec> m = new LinkedHashMap<>();
        n.nodes().forEach(x -> m.put(x.id(), x.spec()));
        return m;
    }

    /** Every loose layer is in the result, through the id mapping, with its spec, shape and cost; and every weight. */
    static void assertSameAnalysis(Network loose, BlockRecognizer.Result r) {
        Analysis before = Analyzer.analyze(loose);
        Analysis after = Analyzer.analyze(r.network());
        assertEquals(before.totals(), after.totals());
        assertEquals(before.layers().size(), after.layers().size());
        for (LayerResult b : before.layers()) {
            LayerResult a = after.layer(r.ids().get(b.id()));
            assertNotNull(a, b.id());
            assertEquals(b.spec(), a.spec(), b.id());
            assertEquals(b.output(), a.output(), b.id());
            assertEquals(b.cost(), a.cost(), b.id());
        }
        assertEquals(WeightShapes.of(after).keySet(), r.weights().names());
    }
}
