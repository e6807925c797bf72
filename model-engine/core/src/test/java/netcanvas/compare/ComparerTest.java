package netcanvas.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.presets.Presets;
import netcanvas.report.ReportFormat;
import org.junit.jupiter.api.Test;

/** Comparisons a person would draw, with figures checked by hand. */
class ComparerTest {

    private static Analysis analyse(String preset) throws Exception {
        return Analyzer.analyze(Presets.load(preset));
    }

    private static Comparison compare(String a, String b) throws Exception {
        return Comparer.compare(analyse(a), analyse(b));
    }

    private static List<String> ids(List<CompareRow> rows) {
        return rows.stream().map(r -> r.either().id()).toList();
    }

    private static CompareRow row(Comparison c, String id) {
        return c.rows().stream().filter(r -> r.either().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void resnet18ToResnet34AlignsTheStagesAndAddsTheExtraBlocks() throws Exception {
        Comparison c = compare("resnet18", "resnet34");
        // Stages of 2, 2, 2, 2 basic blocks become 3, 4, 6, 3: blocks 1.2, 2.2-2.3, 3.2-3.5 and 4.2 are new.
        List<String> addedBlocks = c.rows(Status.ADDED).stream().filter(r -> r.depth() == 1)
                .map(r -> r.b().id()).toList();
        assertEquals(List.of("layer1.2", "layer2.2", "layer2.3", "layer3.2", "layer3.3", "layer3.4", "layer3.5",
                "layer4.2"), addedBlocks);
        assertEquals(8 * 7, c.layers(Status.ADDED).size());
        assertEquals(List.of(), c.rows(Status.REMOVED));
        assertEquals(List.of("layer1", "layer2", "layer3", "layer4"), ids(c.rows(Status.CHANGED)));
        assertEquals(Status.SAME, row(c, "layer2.0").status());
        assertEquals(Status.SAME, row(c, "layer2.1").status());
        assertEquals(Status.SAME, row(c, "conv1").status());
        assertEquals(Status.SAME, row(c, "fc").status());
        // torchvision: 11,689,512 and 21,797,672 parameters; an added 3x3 basic block at 64 channels:
        // 2 x (64 x 64 x 9) + 2 x (2 x 64) = 73,984
        assertEquals(11_689_512, c.totalsA().params());
        assertEquals(21_797_672, c.totalsB().params());
        assertEquals(73_984, row(c, "layer1.2").paramsB());
        CompareRow layer1 = row(c, "layer1");
        assertEquals(147_968, layer1.paramsA());
        assertEquals(221_952, layer1.paramsB());
    }

    @Test
    void seResnet50AddsTheSqueezeExcitationInsideEachBlock() throws Exception {
        Comparison c = compare("resnet50", "se-resnet50");
        List<CompareRow> added = c.rows(Status.ADDED);
        // 3 + 4 + 6 + 3 = 16 blocks, each with an SE block of 6 layers (pool, fc1, relu, fc2, sigmoid, scale)
        assertEquals(16, added.stream().filter(r -> r.b().id().endsWith(".se")).count());
        assertEquals(16 * 6, c.layers(Status.ADDED).size());
        for (CompareRow r : added) {
            assertTrue(r.b().id().matches("layer\\d\\.\\d+\\.se(\\..*)?"), r.b().id());
            assertEquals(3, r.b().id().endsWith(".se") ? r.depth() + 1 : r.depth(), r.b().id());
        }
        assertEquals(List.of(), c.rows(Status.REMOVED));
        // Only the blocks around the SE change (their key parameters gain "SE/16"); every other layer is the same.
        assertEquals(List.of(), c.layers(Status.CHANGED));
        assertEquals(Status.CHANGED, row(c, "layer1.0").status());
        assertEquals(Status.SAME, row(c, "layer1.0.conv2").status());
        // layer1's SE at 256 channels, reduction 16: fc1 16 x 256 + 16 = 4,112; fc2 256 x 16 + 256 = 4,352
        assertEquals(4_112, row(c, "layer1.0.se.fc1").paramsB());
        assertEquals(4_352, row(c, "layer1.0.se.fc2").paramsB());
        assertEquals(8_464, row(c, "layer1.0.se").paramsB());
    }

    @Test
    void resnext50ChangesTheThreeByThreeConvolutionsToGroupedOnes() throws Exception {
        Comparison c = compare("resnet50", "resnext50-32x4d");
        assertEquals(List.of(), c.rows(Status.ADDED));
        assertEquals(List.of(), c.rows(Status.REMOVED));
        List<CompareRow> conv2 = c.layers(Status.CHANGED).stream().filter(r -> r.a().id().endsWith(".conv2"))
                .toList();
        assertEquals(16, conv2.size());
        for (CompareRow r : conv2) {
            assertTrue(r.layer().contains(", g32"), r.layer());
            assertTrue(((Conv2d) r.b().spec()).groups() == 32 && ((Conv2d) r.a().spec()).groups() == 1);
        }
        // layer1.0.conv2: ResNet-50 3x3 64 -> 64: 64 x 64 x 9 = 36,864; ResNeXt 3x3 128, 32 groups: 128 x 4 x 9
        // = 4,608; at 56x56 the MACs are 36,864 x 3,136 = 115,605,504 and 4,608 x 3,136 = 14,450,688
        CompareRow first = row(c, "layer1.0.conv2");
        assertEquals("Conv2d 3x3, 64 -> Conv2d 3x3, 128, g32", first.layer());
        assertEquals(36_864, first.paramsA());
        assertEquals(4_608, first.paramsB());
        assertEquals(115_605_504, first.macsA());
        assertEquals(14_450_688, first.macsB());
        // torchvision: 25,557,032 and 25,028,904 parameters
        assertEquals(25_557_032, c.totalsA().params());
        assertEquals(25_028_904, c.totalsB().params());
    }

    @Test
    void vgg19AddsOneConvolutionToEachOfTheLastThreeBlocks() throws Exception {
        Comparison c = compare("vgg16", "vgg19");
        assertEquals(List.of("conv3_4", "relu3_4", "conv4_4", "relu4_4", "conv5_4", "relu5_4"),
                ids(c.rows(Status.ADDED)));
        assertEquals(List.of(), c.rows(Status.CHANGED));
        assertEquals(List.of(), c.rows(Status.REMOVED));
        // 256 x 256 x 9 + 256 = 590,080 and twice 512 x 512 x 9 + 512 = 2,359,808: 5,309,696 more
        assertEquals(590_080, row(c, "conv3_4").paramsB());
        assertEquals(2_359_808, row(c, "conv5_4").paramsB());
        assertEquals(138_357_544, c.totalsA().params());
        assertEquals(143_667_240, c.totalsB().params());
        assertEquals(5_309_696, c.totalsB().params() - c.totalsA().params());
    }

    @Test
    void aDesignAgainstItselfAfterOneEditHasExactlyOneChangedRow() throws Exception {
        Network vgg = Presets.load("vgg16");
        Node conv = vgg.node("conv3_2");
        Network edited = vgg.replace(new Node(conv.id(), Conv2d.of(256, 3, 1, 1, false), conv.inputs(),
                conv.position()));
        Comparison c = Comparer.compare(Analyzer.analyze(vgg), Analyzer.analyze(edited));
        assertEquals(List.of("conv3_2"), ids(c.rows(Status.CHANGED)));
        assertEquals(c.rows().size() - 1, c.rows(Status.SAME).size());
        assertEquals(-256, row(c, "conv3_2").paramsB() - row(c, "conv3_2").paramsA());

        Comparison self = Comparer.compare(Analyzer.analyze(vgg), Analyzer.analyze(vgg));
        assertEquals(self.rows().size(), self.rows(Status.SAME).size());
    }

    @Test
    void anEditInsideAStageChangesTheStageAndOneLayer() throws Exception {
        Network r18 = Presets.load("resnet18");
        Node fc = r18.node("fc");
        Network edited = r18.replace(new Node("fc", new netcanvas.graph.Dense(1000, false), fc.inputs(),
                fc.position()));
        Comparison c = Comparer.compare(Analyzer.analyze(r18), Analyzer.analyze(edited));
        assertEquals(List.of("fc"), ids(c.rows(Status.CHANGED)));
    }

    @Test
    void jsonCarriesBothSidesDifferencesAndTotals() throws Exception {
        Comparison c = compare("vgg16", "vgg19");
        JsonNode j = new ObjectMapper().readTree(ComparisonReport.render(c, ReportFormat.JSON, false));
        assertEquals("vgg16", j.get("a").get("network").asText());
        assertEquals("vgg19", j.get("b").get("network").asText());
        JsonNode added = null;
        for (JsonNode r : j.get("rows")) {
            if (r.get("status").asText().equals("added")) {
                added = r;
                break;
            }
        }
        assertTrue(added.get("a").isNull());
        assertEquals("conv3_4", added.get("b").get("id").asText());
        assertEquals("conv2d", added.get("b").get("kind").asText());
        assertEquals("[256,56,56]", added.get("b").get("output").toString());
        assertEquals(590_080, added.get("diff").get("params").asLong());
        assertEquals(6, j.get("counts").get("added").asInt());
        assertEquals(5_309_696, j.get("totals").get("diff").get("params").asLong());
        assertEquals(1.0384, j.get("totals").get("ratio").get("params").asDouble(), 1e-9);
    }

    @Test
    void tableAndMarkdownMarkEachRow() throws Exception {
        Comparison c = compare("vgg16", "vgg19");
        String table = ComparisonReport.render(c, ReportFormat.TABLE, true);
        assertTrue(table.contains("+  conv3_4"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("Params +138,357,544 +143,667,240 +\\+5,309,696 +1\\.04x")),
                table);
        String md = ComparisonReport.render(c, ReportFormat.MARKDOWN, true);
        assertTrue(md.contains("| added | conv3_4 | Conv2d 3x3, 256 | 256x56x56 | 590,080 |"), md);
    }
}
