package netcanvas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;

/** The macs, flops and lecture conventions, against figures worked out by hand. */
class CostConventionTest {

    private static Analysis alexnetAt227() throws Exception {
        Network n = Presets.load("alexnet");
        Node in = n.node("input");
        return Analyzer.analyze(n.replace(new Node("input", new Input(3, 227, 227), List.of(), in.position())));
    }

    @Test
    void lectureConventionGivesTheClassicAlexNetTable() throws Exception {
        // The lecture's AlexNet (torchvision's 64-192-384-256-256 channels) on 227x227, FLOPs as multiply-adds:
        // conv1 64 x 56 x 56 x (3 x 11 x 11) = 72,855,552 (the table's "73 M"); pool1 64 x 27 x 27 x 3 x 3 = 419,904
        // ("0"); conv2 192 x 27 x 27 x (64 x 5 x 5) = 223,948,800 ("224"); conv3 384 x 13 x 13 x (192 x 9)
        // = 112,140,288 ("112"); conv4 256 x 13 x 13 x (384 x 9) = 149,520,384 ("150"); conv5 256 x 13 x 13 x
        // (256 x 9) = 99,680,256 ("100"); fc6 9,216 x 4,096 = 37,748,736 ("38"); fc7 4,096 x 4,096 = 16,777,216
        // ("17"); fc8 4,096 x 1,000 = 4,096,000 ("4").
        Analysis a = alexnetAt227();
        Map<String, Long> want = Map.of("conv1", 72_855_552L, "pool1", 419_904L, "conv2", 223_948_800L,
                "pool2", 292_032L, "conv3", 112_140_288L, "conv4", 149_520_384L, "conv5", 99_680_256L,
                "fc6", 37_748_736L, "fc7", 16_777_216L, "fc8", 4_096_000L);
        Map<String, Long> lectureMillions = Map.of("conv1", 73L, "pool1", 0L, "conv2", 224L, "pool2", 0L,
                "conv3", 112L, "conv4", 150L, "conv5", 100L, "fc6", 38L, "fc7", 17L, "fc8", 4L);
        want.forEach((id, n) -> {
            long got = CostConvention.LECTURE.of(a.layer(id));
            assertEquals(n, got, id);
            assertEquals(lectureMillions.get(id), Math.round(got / 1e6), id);
        });
        // activations one per element: relu1 64 x 56 x 56
        assertEquals(200_704, CostConvention.LECTURE.of(a.layer("relu1")));
        assertEquals(a.totals().macs() + a.totals().otherOps(), CostConvention.LECTURE.total(a));
    }

    @Test
    void flopsAreTwiceTheMacsPlusBiasAdds() throws Exception {
        Analysis paper = Analyzer.analyze(Presets.load("alexnet-paper"));
        // conv1 96 x 55 x 55 x (3 x 11 x 11) = 105,415,200 MACs; 2 x that + 96 x 55 x 55 bias adds = 211,120,800
        assertEquals(105_415_200, CostConvention.MACS.of(paper.layer("conv1")));
        assertEquals(211_120_800, CostConvention.FLOPS.of(paper.layer("conv1")));
        // fc8: 2 x 4,096 x 1,000 + 1,000
        assertEquals(8_193_000, CostConvention.FLOPS.of(paper.layer("fc8")));
        assertEquals(0, CostConvention.FLOPS.of(paper.layer("relu1")));
        Analysis r18 = Analyzer.analyze(Presets.load("resnet18"));
        // no biases in ResNet's convolutions: a block's FLOPs are twice its MACs
        assertEquals(2 * 462_422_016L, CostConvention.FLOPS.of(r18.row("layer1")));
    }

    /**
     * A layer whose MACs fit in a long but whose FLOPs (twice as many) do not stops at 2^63 - 1, as the analysis'
     * totals do, instead of throwing where the status bar and the summary ask for it.
     */
    @Test
    void countsPastTheLongRangeSaturate() {
        netcanvas.graph.Cost huge = new netcanvas.graph.Cost(10, 0, 1L << 62, 1L << 62);
        netcanvas.graph.Dense dense = new netcanvas.graph.Dense(10, false);
        assertEquals(Long.MAX_VALUE, CostConvention.FLOPS.of(dense, null, huge));
        assertEquals(Long.MAX_VALUE, CostConvention.LECTURE.of(dense, null, huge));
        assertEquals(1L << 62, CostConvention.MACS.of(dense, null, huge));
        // 2^61 MACs: 2^62 FLOPs, exact.
        assertEquals(1L << 62, CostConvention.FLOPS.of(dense, null, new netcanvas.graph.Cost(10, 0, 1L << 61, 0)));
    }

    @Test
    void everyFormatNamesItsConvention() throws Exception {
        Analysis a = alexnetAt227();
        String table = SummaryReport.of(a).withCost(CostConvention.LECTURE).render(ReportFormat.TABLE);
        assertTrue(table.contains("Cost convention: lecture ("), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("conv1 +Conv2d +64x56x56 +23,296 +72,855,552 .*")), table);
        String csv = SummaryReport.of(a).withCost(CostConvention.FLOPS).render(ReportFormat.CSV);
        assertTrue(csv.startsWith("layer,kind,output,params,flops,memory_bytes,receptive_field\n"), csv);
        String md = SummaryReport.of(a).withCost(CostConvention.FLOPS).render(ReportFormat.MARKDOWN);
        assertTrue(md.startsWith("| Layer | Kind | Output | Params | FLOPs |"), md);
        JsonNode j = new ObjectMapper().readTree(SummaryReport.of(a).withCost(CostConvention.FLOPS)
                .render(ReportFormat.JSON));
        assertEquals("flops", j.get("costConvention").asText());
        assertEquals(2 * 72_855_552L + 64 * 56 * 56, j.get("layers").get(1).get("flops").asLong());
        // the default stays as it was: MACs, no convention line
        String plain = SummaryReport.of(a).render(ReportFormat.TABLE);
        assertTrue(!plain.contains("Cost convention") && plain.contains("  MACs  "), plain);
    }
}
