package netcanvas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import netcanvas.export.TestNetworks;
import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Concat;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.DenseBlock;
import netcanvas.graph.Dropout;
import netcanvas.graph.Hw;
import netcanvas.graph.FireModule;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.InvertedResidual;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LeakyReLU;
import netcanvas.graph.LocalResponseNorm;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.Padding;
import netcanvas.graph.SqueezeExcitation;
import netcanvas.graph.Stage;
import netcanvas.graph.Transition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** write -> parse -> write gives identical bytes, and parse(write(n)) equals n, for varied networks. */
class RoundTripTest {

    static Stream<Network> networks() {
        return Stream.of(resnetLike(), oddValues(), deeplyNested(), everyKindAtDefaults(),
                new Network("empty", List.of()));
    }

    private static final double[] ROWS = {-5.0, 7.3, 19.6};

    /** A ResNet-50 layout with Stage blocks and canvas positions. */
    static Network resnetLike() {
        Network n = TestNetworks.resnet50();
        List<Node> placed = new ArrayList<>();
        for (int i = 0; i < n.nodes().size(); i++) {
            // on the tenth-of-a-pixel grid the writer keeps (see positionsAreKeptToATenthOfAPixel)
            placed.add(n.nodes().get(i).withPosition(new Node.Position(40 + 180.5 * i, ROWS[i % 3])));
        }
        return new Network(n.name(), placed);
    }

    /** "same" padding, rectangular pairs, small and awkward doubles, quotes and non-ASCII in names. */
    static Network oddValues() {
        return new NetBuilder("odd \"name\" — ünïcødé\n2nd line").input(3, 17, 31)
                .then("same", new Conv2d(8, new Hw(4, 5), Hw.of(1), Padding.SAME, new Hw(2, 1), 1, true))
                .then("rect", new Conv2d(16, new Hw(3, 1), new Hw(2, 1), Padding.of(1, 0), Hw.of(1), 8, false))
                .then("bn", new BatchNorm(1e-5, 0.01))
                .then("leaky", new LeakyReLU(0.2))
                .then("lrn", new LocalResponseNorm(5, 1e-4, 0.75, 2))
                .then("avg", new AvgPool2d(Hw.of(3), Hw.of(2), Hw.of(1), true, false))
                .then("adaptive", new AdaptiveAvgPool(new Hw(6, 7)))
                .then("drop", new Dropout(1.0 / 3))
                .then("fc", new Dense(10, true))
                .then("out", new Output()).build()
                .map(n -> n.id().equals("bn") ? n.withPosition(new Node.Position(1e-1, 123456.7)) : n);
    }

    /** Stage inside stage inside stage, plus the other blocks, some fed by two layers. */
    static Network deeplyNested() {
        return new NetBuilder("nested").input(64, 32, 32)
                .then("s", new Stage(2, new Stage(3, new Stage(2, new BasicBlock(64, 1, true, 4)))))
                .then("inc", new InceptionModule(8, 4, 8, 2, 4, 4, true))
                .then("se", new SqueezeExcitation(8))
                .then("dense", new DenseBlock(3, 12, 4))
                .then("trans", new Transition(0.25))
                .then("mb", new Stage(2, new InvertedResidual(4, 32, 2, 5, 4, "silu")))
                .then("fire", new FireModule(8, 16, 16))
                .then("v3", InvertedResidual.mobileNetV3(5, 72, 40, true, "relu", 1))
                .then("b0", new Stage(2, InvertedResidual.mbConv(6, 3, 2, 24)))
                .then("se2", new SqueezeExcitation(4, 8, "silu", "hardsigmoid"))
                .add("cat", new Concat(), "se2", "se2")
                .build();
    }

    /** One node of every registered kind, each at its default parameters. */
    static Network everyKindAtDefaults() {
        List<Node> nodes = new ArrayList<>();
        String previous = null;
        for (LayerKind k : LayerKinds.ALL) {
            String id = "n_" + k.name();
            nodes.add(new Node(id, k.createDefault(), previous == null ? List.of() : List.of(previous)));
            previous = id;
        }
        return new Network("all kinds", nodes);
    }

    @ParameterizedTest
    @MethodSource("networks")
    void writeParseWriteIsIdentical(Network n) throws NetworkFormatException {
        String first = NetworkJson.write(n);
        Network parsed = NetworkJson.parse(first);
        assertEquals(n, parsed);
        assertEquals(first, NetworkJson.write(parsed));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void throughAFile(Network n, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.json");
        NetworkJson.write(n, file);
        byte[] saved = Files.readAllBytes(file);
        Network loaded = NetworkJson.read(file);
        assertEquals(n, loaded);
        NetworkJson.write(loaded, file);
        assertEquals(new String(saved, java.nio.charset.StandardCharsets.UTF_8), Files.readString(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary files are left behind");
        }
    }

    @Test
    void theFileFormatIsOneNodePerLine() throws NetworkFormatException {
        // written by hand from the format's description: header, then one compact object per node
        String expected = """
                {
                  "format": 2,
                  "name": "tiny",
                  "nodes": [
                    {"id":"input","type":"input","channels":1,"height":28,"width":28,"position":[10.0,20.5]},
                    {"id":"c","type":"conv2d","inputs":["input"],"outChannels":4,"kernel":[3,3],"stride":[1,1],\
                "padding":"same","dilation":[1,1],"groups":1,"bias":true},
                    {"id":"bn","type":"batchnorm","inputs":["c"],"eps":1.0E-5,"momentum":0.1}
                  ]
                }
                """;
        Network tiny = new NetBuilder("tiny").input(1, 28, 28)
                .then("c", new Conv2d(4, Hw.of(3), Hw.of(1), Padding.SAME, Hw.of(1), 1, true))
                .then("bn", BatchNorm.standard()).build()
                .map(n -> n.id().equals("input") ? n.withPosition(new Node.Position(10, 20.5)) : n);
        assertEquals(expected, NetworkJson.write(tiny));
        assertEquals(tiny, NetworkJson.parse(expected));
    }

    @Test
    void activationsAreReadByTheirTypeNames() throws NetworkFormatException {
        // written by hand: the four parameter-free activations PyTorch calls ReLU6, SiLU, Hardswish, Hardsigmoid
        String text = """
                {
                  "format": 2,
                  "name": "acts",
                  "nodes": [
                    {"id":"input","type":"input","channels":1,"height":4,"width":4},
                    {"id":"a","type":"relu6","inputs":["input"]},
                    {"id":"b","type":"silu","inputs":["a"]},
                    {"id":"c","type":"hardswish","inputs":["b"]},
                    {"id":"d","type":"hardsigmoid","inputs":["c"]}
                  ]
                }
                """;
        Network expected = new NetBuilder("acts").input(1, 4, 4).then("a", new netcanvas.graph.ReLU6())
                .then("b", new netcanvas.graph.SiLU()).then("c", new netcanvas.graph.Hardswish())
                .then("d", new netcanvas.graph.Hardsigmoid()).build();
        assertEquals(expected, NetworkJson.parse(text));
        assertEquals(text, NetworkJson.write(expected));
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.parse(
                text.replace("\"type\":\"silu\"", "\"type\":\"silu\",\"beta\":1")));
        assertTrue(e.getMessage().contains("nodes[2]"), e.getMessage());
    }

    /**
     * A file saved before the inverted residual had expanded channels and SE styles, and before squeeze-and-excitation
     * had its squeeze, activation and gate (the lines below are mobilenet_v2.json's and se-resnet50's SE as they were
     * written then), reads as the blocks it meant: a ratio, Hu et al.'s SE.
     */
    @Test
    void filesFromBeforeTheNewBlockParametersKeepTheirMeaning() throws NetworkFormatException {
        String text = """
                {
                  "format": 2,
                  "name": "old",
                  "nodes": [
                    {"id":"input","type":"input","channels":16,"height":8,"width":8},
                    {"id":"b","type":"inverted_residual","inputs":["input"],"expansion":6,"outChannels":24,\
                "stride":2,"kernel":3,"seReduction":4,"activation":"relu6"},
                    {"id":"se","type":"squeeze_excitation","inputs":["b"],"reduction":8}
                  ]
                }
                """;
        Network expected = new NetBuilder("old").input(16, 8, 8)
                .then("b", new InvertedResidual(6, 24, 2, 3, 4, "relu6", 0, "se"))
                .then("se", new SqueezeExcitation(8, 0, "relu", "sigmoid")).build();
        Network read = NetworkJson.parse(text);
        assertEquals(expected, read);
        // 16 x 6 = 96 expanded channels, SE to 96 / 4 = 24 with ReLU and a sigmoid; the SE after it squeezes 24 / 8
        var a = netcanvas.analysis.Analyzer.analyze(read);
        assertEquals("96x4x4", a.shapeOf("b.dw").toString());
        assertEquals("24x1x1", a.shapeOf("b.se.fc1").toString());
        assertTrue(a.layer("b.se.relu") != null && a.layer("b.se.sigmoid") != null);
        assertEquals("3x1x1", a.shapeOf("se.fc1").toString());
    }

    @Test
    void channelOperationsAreReadByTheirTypeNames() throws NetworkFormatException {
        // written by hand: ShuffleNet v2's split (two slices of 8 channels) and shuffle in 2 groups
        String text = """
                {
                  "format": 2,
                  "name": "channels",
                  "nodes": [
                    {"id":"input","type":"input","channels":16,"height":4,"width":4},
                    {"id":"a","type":"channel_slice","inputs":["input"],"start":0,"count":8},
                    {"id":"b","type":"channel_slice","inputs":["input"],"start":8,"count":8},
                    {"id":"j","type":"concat","inputs":["b","a"]},
                    {"id":"s","type":"channel_shuffle","inputs":["j"],"groups":2}
                  ]
                }
                """;
        Network expected = new NetBuilder("channels").input(16, 4, 4)
                .add("a", new netcanvas.graph.ChannelSlice(0, 8), "input")
                .add("b", new netcanvas.graph.ChannelSlice(8, 8), "input")
                .add("j", new netcanvas.graph.Concat(), "b", "a")
                .add("s", new netcanvas.graph.ChannelShuffle(2), "j").build();
        assertEquals(expected, NetworkJson.parse(text));
        assertEquals(text, NetworkJson.write(expected));
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkJson.parse(
                text.replace("\"groups\":2", "\"groups\":0")));
        assertTrue(e.getMessage().contains("nodes[4]"), e.getMessage());
    }

    @Test
    void positionsAreKeptToATenthOfAPixel() throws NetworkFormatException {
        Network n = new NetBuilder("p").input(1, 8, 8).build()
                .map(x -> x.withPosition(new Node.Position(10.04, -3.96)));
        String text = NetworkJson.write(n);
        assertTrue(text.contains("\"position\":[10.0,-4.0]"), text);
        assertEquals(new Node.Position(10.0, -4.0), NetworkJson.parse(text).nodes().get(0).position());
    }

    @Test
    void handWrittenFilesAreNormalised() throws NetworkFormatException {
        // fields in any order, squares as one number, defaults left out, a byte order mark in front
        String text = "\uFEFF{ \"nodes\": [ {\"type\": \"input\", \"id\": \"in\", \"width\": 8, \"height\": 8,"
                + " \"channels\": 3},\n {\"inputs\": [\"in\"], \"kernel\": 5, \"type\": \"conv2d\", \"id\": \"c\","
                + " \"outChannels\": 2} ], \"format\": 1, \"name\": \"hand\" }";
        Network n = NetworkJson.parse(text);
        assertEquals(new NetBuilder("hand").add("in", new netcanvas.graph.Input(3, 8, 8))
                .then("c", new Conv2d(2, Hw.of(5), Hw.of(1), Padding.of(0), Hw.of(1), 1, true)).build(), n);
        String canonical = NetworkJson.write(n);
        assertFalse(canonical.contains("\uFEFF"));
        assertEquals(canonical, NetworkJson.write(NetworkJson.parse(canonical)));
    }
}
