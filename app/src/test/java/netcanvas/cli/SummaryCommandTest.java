package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary command end to end, on networks written to files. Expected figures are LeNet-5's by hand and
 * torchvision's for the ResNets (its parameters() count; 224x224 MACs of conv and dense layers).
 */
class SummaryCommandTest {
    @TempDir
    static Path dir;
    static String lenet;
    static String resnet18;
    static String resnet50;

    @BeforeAll
    static void writeNetworks() throws IOException {
        lenet = TestNetworks.write(dir, TestNetworks.lenet5()).toString();
        resnet18 = TestNetworks.write(dir, TestNetworks.resnet18()).toString();
        resnet50 = TestNetworks.write(dir, TestNetworks.resnet50()).toString();
    }

    // ---- table

    @Test
    void lenetTableShowsHandComputedLayersAndTotals() {
        CliRun r = CliRun.of("summary", lenet);
        assertEquals(0, r.code(), r.err());
        // c1: 6 filters of 1x5x5 + bias = 6*(25+1) = 156; output (32-5)/1+1 = 28 -> 6x28x28;
        // MACs 6*28*28*25 = 117,600; memory 6*28*28*4 B = 18,816 B = 18.8 kB; receptive field 5
        assertRow(r.line("c1"), "Conv2d", "6x28x28", "156", "117,600", "18.8 kB", "5");
        // c3: 16*(6*25+1) = 2,416 params; 14-5+1 = 10 -> 16x10x10; 16*10*10*150 = 240,000 MACs;
        // receptive field 5 (c1) + 1*1 (s2, 2x2 at jump 1) = 6, then + 4*2 (5x5 at jump 2) = 14
        assertRow(r.line("c3"), "Conv2d", "16x10x10", "2,416", "240,000", "6.4 kB", "14");
        assertRow(r.line("f5"), "Dense", "120", "48,120", "48,000"); // 400*120 + 120; 400*120
        assertRow(r.line("f6"), "Dense", "84", "10,164", "10,080"); // 120*84 + 84; 120*84
        assertRow(r.line("out"), "Dense", "10", "850", "840"); // 84*10 + 10; 84*10
        // totals: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 params;
        // 117,600 + 240,000 + 48,000 + 10,080 + 840 = 416,520 MACs
        assertTrue(r.out().contains("Total params:         61,706"), r.out());
        assertTrue(r.out().contains("Trainable params:     61,706"), r.out());
        assertTrue(r.out().contains("Non-trainable params: 0"), r.out());
        assertTrue(r.out().contains("MACs:                 416,520 (416.52 k)"), r.out());
        assertTrue(r.out().startsWith("Network: lenet5 (input 1x32x32)\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void trainingMemoryFollowsBatchAndOptimizer() {
        CliRun r = CliRun.of("summary", lenet, "--batch", "10", "--optimizer", "sgd");
        assertEquals(0, r.code(), r.err());
        // activations per sample, in elements: input 1,024; c1, tanh1 4,704 each; s2 1,176; c3, tanh3 1,600 each;
        // s4, flatten 400 each; f5, tanh5 120 each; f6, tanh6 84 each; out, loss 10 each = 16,036 -> 64,144 bytes
        assertTrue(r.out().contains("Activation memory:    0.06 MB per sample"), r.out());
        // the peak of analysis.MemoryEstimate, as summary --memory gives it: weights 61,706*4 = 246,824 B; gradients
        // the same; SGD keeps no state; every value of the gradient graph, per sample in elements: forward the input
        // and its channels-last copy 2,048, c1 and tanh1 4,704 each, s2 1,176, c3 and tanh3 1,600 each, s4 400,
        // flatten's copy and reshape 800, f5's product and sum 240, tanh5 120, f6 168, tanh6 84, out 20, the
        // softmax 10 = 17,674; backward each input's gradient (of the input's size: c1's 1,024, tanh1's and s2's
        // 4,704, c3's 1,176, tanh3's and s4's 1,600, flatten's 400 and its reshape 400, f5's 400 and its sum's 120,
        // tanh5's 120, f6's 120 + 84, tanh6's 84, out's 84 + 10, the loss's two 10 each) = 16,650; (17,674 +
        // 16,650) x 4 B x 10 samples = 1,372,960 B; two distinct convolutions' kernels, 2 x 3 MiB = 6,291,456 B; the
        // largest workspace, c1's 4 blocked copies of its larger map, the output's 6 channels padded to 16 (its
        // 1-channel input is read as it is): 16 x 28 x 28 x 4 copies x 4 B x 10 samples = 2,007,040 B; the peak
        // 2 x 246,824 + 1,372,960 + 6,291,456 + 2,007,040 = 10,165,104 B
        assertTrue(r.out().contains("Training memory:      10.17 MB at the peak (batch 10, sgd: weights 246.8 kB,"
                + " gradients 246.8 kB, optimizer state 0 B, activations and their gradients 1.37 MB, convolution"
                + " kernels 6.29 MB, largest workspace 2.01 MB; per layer: --memory)"), r.out());
        CliRun adam = CliRun.of("summary", lenet, "--batch", "10", "--optimizer", "ADAM");
        // Adam adds two values per weight: 2 x 246,824 = 493,648 -> 10,658,752 B
        assertTrue(adam.out().contains("Training memory:      10.66 MB at the peak (batch 10, adam:"), adam.out());
    }

    @Test
    void blocksAreFollowedByTheirLayersIndented() {
        CliRun r = CliRun.of("summary", resnet50);
        assertEquals(0, r.code(), r.err());
        String stage = r.line("layer1");
        String block = r.line("layer1.0");
        String conv = r.line("layer1.0.conv1");
        assertTrue(stage.startsWith("layer1 ") && block.startsWith("  layer1.0 ")
                && conv.startsWith("    layer1.0.conv1 "), stage + "\n" + block + "\n" + conv);
        // layer1.0.conv1 is a 1x1 from 64 to 64 channels on 56x56: 4,096 weights, 4,096*56*56 = 12,845,056 MACs
        assertRow(conv, "Conv2d", "64x56x56", "4,096", "12,845,056");
        assertTrue(r.out().contains("Trainable params:     25,557,032"), r.out());
        assertTrue(r.out().contains("4,089,184,256 (4.09 G)"), r.out());
        // BN running mean and variance: 2 * 26,560 channels = 53,120 (torchvision's running_* buffers)
        assertTrue(r.out().contains("Running statistics:   53,120 (batch-norm buffers, not parameters)"), r.out());
        assertTrue(r.out().contains("Non-trainable params: 0"), r.out());
        // torchinfo's "Total params" for torchvision's resnet50 counts parameters only, not buffers
        assertTrue(r.out().contains("Total params:         25,557,032"), r.out());
    }

    // ---- json

    @Test
    void jsonHasExactlyThePublishedShape() throws IOException {
        CliRun r = CliRun.of("summary", resnet50, "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(Set.of("network", "input", "layers", "totals", "diagnostics"), names(root));
        assertEquals("resnet50", root.get("network").textValue());
        assertEquals("[3,224,224]", root.get("input").toString());
        JsonNode totals = root.get("totals");
        assertEquals(Set.of("params", "trainableParams", "macs", "activationBytes", "capped"), names(totals));
        assertTrue(totals.get("capped").isBoolean() && !totals.get("capped").booleanValue());
        assertEquals(25_557_032L, totals.get("trainableParams").longValue());
        assertEquals(25_557_032L, totals.get("params").longValue()); // torchvision sum(p.numel()), buffers excluded
        assertEquals(4_089_184_256L, totals.get("macs").longValue());
        // expanded primitives: input; conv1, bn1, relu, maxpool; 16 bottlenecks of conv/bn/relu x2, conv, bn, add,
        // relu = 10 layers, plus a downsample conv and BN in the first block of each of the 4 stages; avgpool, fc,
        // out: 1 + 4 + 160 + 8 + 3 = 176
        JsonNode layers = root.get("layers");
        assertEquals(176, layers.size());
        long paramSum = 0;
        for (JsonNode layer : layers) {
            assertEquals(Set.of("id", "kind", "output", "params", "macs", "memoryBytes", "receptiveField"),
                    names(layer));
            paramSum += layer.get("params").longValue();
        }
        assertEquals(25_557_032L, paramSum);
        JsonNode conv1 = layers.get(1);
        assertEquals("conv1", conv1.get("id").textValue());
        assertEquals("conv2d", conv1.get("kind").textValue());
        // (224 + 2*3 - 7)/2 + 1 = 112 -> 64x112x112; 64*112*112*4 = 3,211,264 bytes; 7x7 window
        assertEquals("[64,112,112]", conv1.get("output").toString());
        assertEquals(9_408, conv1.get("params").longValue()); // 64*3*7*7
        assertEquals(3_211_264, conv1.get("memoryBytes").longValue());
        assertEquals(7, conv1.get("receptiveField").intValue());
        JsonNode maxpool = layers.get(4);
        assertEquals("maxpool", maxpool.get("id").textValue());
        assertEquals(11, maxpool.get("receptiveField").intValue()); // 7 + (3-1)*2
        assertEquals("[1000]", layers.get(174).get("output").toString()); // fc
        assertEquals("layer1.0.downsample", find(layers, "layer1.0.downsample").get("id").textValue());
        assertEquals(0, root.get("diagnostics").size());
    }

    @Test
    void inputOptionResizesEveryLayer() throws IOException {
        CliRun r = CliRun.of("summary", resnet18, "--input", "3,32,32", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("[3,32,32]", root.get("input").toString());
        JsonNode layers = root.get("layers");
        // conv1: (32 + 6 - 7)/2 + 1 = 16; maxpool: (16 + 2 - 3)/2 + 1 = 8; then each stage after the first
        // halves with a 3x3, stride 2, padding 1: (8 + 2 - 3)/2 + 1 = 4, then 2, then 1
        assertEquals("[64,16,16]", find(layers, "conv1").get("output").toString());
        assertEquals("[64,8,8]", find(layers, "maxpool").get("output").toString());
        assertEquals("[64,8,8]", find(layers, "layer1.1.relu").get("output").toString());
        assertEquals("[128,4,4]", find(layers, "layer2.1.relu").get("output").toString());
        assertEquals("[256,2,2]", find(layers, "layer3.1.relu").get("output").toString());
        assertEquals("[512,1,1]", find(layers, "layer4.1.relu").get("output").toString());
        assertEquals("[1000]", find(layers, "fc").get("output").toString());
        // weights do not depend on the image size: torchvision's 11,689,512
        assertEquals(11_689_512L, root.get("totals").get("trainableParams").longValue());
        // every convolution's output is 1/7 as high and wide as at 224 (112 -> 16, 56 -> 8, ... 7 -> 1), so its
        // MACs are 1/49 of torchvision's; fc keeps 512*1000: (1,814,073,344 - 512,000)/49 + 512,000 = 37,523,456
        assertEquals(37_523_456L, root.get("totals").get("macs").longValue());
    }

    @Test
    void inputOptionAlsoAcceptsTimesSigns() {
        CliRun r = CliRun.of("summary", lenet, "--input", "1x28x28");
        assertEquals(0, r.code(), r.err());
        assertRow(r.line("c1"), "Conv2d", "6x24x24"); // 28 - 5 + 1
    }

    // ---- csv and markdown

    @Test
    void csvHasOneRowPerExpandedLayerAndATotal() {
        CliRun r = CliRun.of("summary", lenet, "--format", "csv");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        // header + 14 layers (input, c1, tanh1, s2, c3, tanh3, s4, flatten, f5, tanh5, f6, tanh6, out, loss) + total
        assertEquals(16, lines.length, r.out());
        assertEquals("layer,kind,output,params,macs,memory_bytes,receptive_field", lines[0]);
        assertEquals("input,input,1x32x32,0,0,4096,1", lines[1]); // 1*32*32*4 bytes
        assertEquals("c1,conv2d,6x28x28,156,117600,18816,5", lines[2]);
        assertEquals("total,,,61706,416520,64144,", lines[15]); // 16,036 elements * 4 (see the training test)
        CliRun big = CliRun.of("summary", resnet50, "--format", "csv");
        assertEquals(1 + 176 + 1, big.out().split("\n").length);
    }

    @Test
    void markdownHasOneRowPerExpandedLayerAndATotal() {
        CliRun r = CliRun.of("summary", lenet, "--format", "markdown");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2 + 14 + 1, lines.length, r.out());
        assertEquals("| Layer | Kind | Output | Params | MACs | Memory | RF |", lines[0]);
        assertEquals("|:--|:--|:--|--:|--:|--:|--:|", lines[1]);
        assertEquals("| c1 | conv2d | 6x28x28 | 156 | 117,600 | 18.8 kB | 5 |", lines[3]);
        assertEquals("| **Total** |  |  | 61,706 | 416,520 | 64.1 kB |  |", lines[16]);
        CliRun big = CliRun.of("summary", resnet50, "--format", "MARKDOWN");
        assertEquals(2 + 176 + 1, big.out().split("\n").length);
    }

    // ---- failures

    @Test
    void missingFileIsUnreadable() {
        String missing = dir.resolve("nowhere/missing.json").toString();
        CliRun r = CliRun.of("summary", missing);
        assertEquals(ExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains(missing) && r.err().contains("no such file"), r.err());
        assertEquals("", r.out());
        assertTrue(r.noStackTrace(), r.err());
    }

    @Test
    void malformedFilesAreUnreadableAndNameThePlace() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{ \"format\": 1, \"nodes\": [");
        CliRun r = CliRun.of("summary", broken.toString());
        assertEquals(ExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains("broken.json") && r.err().contains("not valid JSON"), r.err());
        assertTrue(r.noStackTrace(), r.err());

        Path badKernel = Files.writeString(dir.resolve("kernel.json"), "{\"format\": 1, \"name\": \"k\", \"nodes\": ["
                + "{\"id\": \"in\", \"type\": \"input\"}, "
                + "{\"id\": \"c1\", \"type\": \"conv2d\", \"inputs\": [\"in\"], \"kernel\": \"five\"}]}");
        CliRun k = CliRun.of("summary", badKernel.toString());
        assertEquals(ExitCodes.UNREADABLE, k.code());
        assertTrue(k.err().contains("kernel.json") && k.err().contains("nodes[1] ('c1').kernel"), k.err());
        assertTrue(k.noStackTrace(), k.err());
    }

    @Test
    void unknownPresetListsThePresets() {
        CliRun r = CliRun.of("summary", "resnet51");
        assertEquals(ExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains("'resnet51' is neither a file nor a preset"), r.err());
        assertTrue(r.err().contains("resnet50") && r.err().contains("densenet121"), r.err());
        assertTrue(r.noStackTrace(), r.err());
    }

    @Test
    void unusablePathIsUnreadable() {
        CliRun r = CliRun.of("summary", "bad\u0000name.json");
        assertEquals(ExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains("is not a usable file path"), r.err());
        assertTrue(r.noStackTrace(), r.err());
    }

    @Test
    void cycleIsAnInvalidNetwork() throws IOException {
        String loop = TestNetworks.write(dir, TestNetworks.cycle()).toString();
        CliRun r = CliRun.of("summary", loop, "--format", "json");
        assertEquals(ExitCodes.INVALID_NETWORK, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("is not a valid network"), r.err());
        assertTrue(r.err().contains("error at 'join': is part of a cycle (join -> a -> b -> join)"), r.err());
        assertTrue(r.noStackTrace(), r.err());
    }

    @Test
    void wronglyWiredBlocksAreInvalidNetworksNotInternalErrors() throws IOException {
        // a block with a missing input, a block that feeds itself, and a block reached first in a cycle threw
        // NullPointerException inside the analysis (exit status 3); they are errors in the design, status 1
        var block = new netcanvas.graph.BasicBlock(8, 1, false, 0);
        var stage = new Stage(2, new netcanvas.graph.InceptionModule(2, 2, 2, 2, 2, 2, false));
        record Case(String file, Network net, String message) {
        }
        List<Case> cases = List.of(
                new Case("missing", new NetBuilder("missing").input(8, 8, 8).add("b", block, "ghost")
                        .add("out", new Output(), "b").build(),
                        "error at 'b': input 'ghost' does not exist"),
                new Case("itself", new NetBuilder("itself").input(8, 8, 8).add("b", stage, "b")
                        .add("out", new Output(), "b").build(),
                        "error at 'b': is part of a cycle (b -> b)"),
                new Case("cycle", new NetBuilder("cycle").input(8, 8, 8).add("b", block, "c")
                        .add("c", new ReLU(), "b").add("out", new Output(), "c").build(),
                        "error at 'b': is part of a cycle (b -> c -> b)"));
        for (Case c : cases) {
            Path path = dir.resolve(c.file() + ".json");
            NetworkJson.write(c.net(), path);
            String file = path.toString();
            for (String format : List.of("table", "json")) {
                CliRun r = CliRun.of("summary", file, "--format", format);
                assertEquals(ExitCodes.INVALID_NETWORK, r.code(), c.file() + ": " + r.err());
                assertTrue(r.err().contains(c.message()), r.err());
                assertEquals("", r.out());
                assertTrue(r.noStackTrace(), r.err());
            }
            CliRun export = CliRun.of("export", file, "--to", "pytorch", "-o", dir.resolve(c.file() + ".py")
                    .toString());
            assertEquals(ExitCodes.INVALID_NETWORK, export.code(), export.err());
            assertTrue(export.noStackTrace(), export.err());
            assertFalse(Files.exists(dir.resolve(c.file() + ".py")));
        }
    }

    @Test
    void warningsAloneStillSucceed() throws IOException {
        String headless = TestNetworks.write(dir, TestNetworks.withoutOutput()).toString();
        CliRun table = CliRun.of("summary", headless);
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("Diagnostics:\n  warning: the network has no Output layer"), table.out());
        CliRun csv = CliRun.of("summary", headless, "--format", "csv");
        assertEquals(0, csv.code());
        assertTrue(csv.err().contains("warning: the network has no Output layer"), csv.err());
        assertEquals(1 + 2 + 1, csv.out().split("\n").length); // header, input, conv, total
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        CliRun format = CliRun.of("summary", lenet, "--format", "xml");
        assertEquals(ExitCodes.UNREADABLE, format.code());
        assertTrue(format.err().contains("unknown format 'xml'; choose table, json, csv or markdown"), format.err());
        assertTrue(format.err().contains("Try 'netcanvas summary --help'"), format.err());

        CliRun input = CliRun.of("summary", lenet, "--input", "3,32");
        assertEquals(ExitCodes.UNREADABLE, input.code());
        assertTrue(input.err().contains("expected C,H,W"), input.err());
        CliRun zero = CliRun.of("summary", lenet, "--input", "0,32,32");
        assertEquals(ExitCodes.UNREADABLE, zero.code());

        CliRun batch = CliRun.of("summary", lenet, "--batch", "0");
        assertEquals(ExitCodes.UNREADABLE, batch.code());
        assertTrue(batch.err().contains("--batch must be at least 1"), batch.err());

        CliRun optimizer = CliRun.of("summary", lenet, "--optimizer", "rmsprop");
        assertEquals(ExitCodes.UNREADABLE, optimizer.code());
        assertTrue(optimizer.err().contains("unknown optimizer 'rmsprop'"), optimizer.err());

        CliRun unknown = CliRun.of("summary", lenet, "--colour");
        assertEquals(ExitCodes.UNREADABLE, unknown.code());
        CliRun none = CliRun.of("summary");
        assertEquals(ExitCodes.UNREADABLE, none.code());
        assertTrue(none.err().contains("Missing required parameter"), none.err());
        CliRun command = CliRun.of("summmary", lenet);
        assertEquals(ExitCodes.UNREADABLE, command.code());
        assertTrue(command.err().contains("summary"), command.err()); // "Did you mean: summary?"
        for (CliRun r : new CliRun[] {format, input, zero, batch, optimizer, unknown, none, command}) {
            assertTrue(r.noStackTrace(), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("summary", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--format=FORMAT") && help.out().contains("resnext50-32x4d"), help.out());
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("NetCanvas "), version.out());
    }

    private static void assertRow(String line, String... cells) {
        assertNotNull(line, "no such row");
        Set<String> found = new HashSet<>(java.util.Arrays.asList(line.strip().split("\\s{2,}")));
        for (String c : cells) {
            assertTrue(found.contains(c), "'" + c + "' not a cell of: " + line);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> s = new HashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            s.add(it.next());
        }
        return s;
    }

    private static JsonNode find(JsonNode layers, String id) {
        for (JsonNode l : layers) {
            if (l.get("id").textValue().equals(id)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + id);
    }
}
